using System.Text.Json;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>The botocore-made vectors in TestData/aws/vectors.json (regenerate with TestData/make-vectors.sh).</summary>
internal static class GoldenVectors
{
    internal static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", "aws", file);

    internal static IEnumerable<object[]> OfKind(string kind)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(PathOf("vectors.json")));
        var index = 0;
        foreach (var element in document.RootElement.EnumerateArray())
        {
            if (element.GetProperty("kind").GetString() == kind)
            {
                yield return [index, element.GetRawText()];
            }

            index++;
        }
    }
}
