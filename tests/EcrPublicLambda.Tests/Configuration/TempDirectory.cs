namespace EcrPublicLambda.Tests.Configuration;

/// <summary>A scratch directory for one test, removed on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    internal string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ecr-public-lambda-" + Guid.NewGuid().ToString("N"))).FullName;

    internal string Write(string fileName, string content)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, content);
        return file;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
