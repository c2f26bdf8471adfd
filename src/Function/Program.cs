namespace EcrPublicLambda;

internal static class Program
{
    internal static Task<int> Main(string[] args) => Hosting.App.RunAsync(args);
}
