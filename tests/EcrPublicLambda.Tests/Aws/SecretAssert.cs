using Xunit.Sdk;

namespace EcrPublicLambda.Tests.Aws;

/// <summary>Equality for secret-bearing strings: a failure says where they differ, never what they hold.</summary>
internal static class SecretAssert
{
    internal static void Equal(string? expected, string? actual, string what)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return;
        }

        if (expected is null || actual is null)
        {
            throw new XunitException($"{what}: one side is null");
        }

        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        throw new XunitException($"{what} differs at offset {at} (lengths {expected.Length} and {actual.Length}); values withheld");
    }
}
