using Xunit.Sdk;

namespace EcrPublicLambda.Tests.Architecture;

/// <summary>The clone the tests were built from: the first folder above the test assembly holding EcrPublicLambda.sln.</summary>
internal static class RepositoryRoot
{
    internal static string Find()
    {
        for (var current = new DirectoryInfo(AppContext.BaseDirectory); current is not null; current = current.Parent)
        {
            if (File.Exists(Path.Combine(current.FullName, "EcrPublicLambda.sln")))
            {
                return current.FullName;
            }
        }

        throw new XunitException($"cannot find EcrPublicLambda.sln in {AppContext.BaseDirectory} or above it");
    }
}
