
namespace EcrPublicLambda.Tests.Hosting.Lambda;

/// <summary>Tests that run the Lambda host share the process environment (<c>_X_AMZN_TRACE_ID</c>): not in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LambdaHostCollection
{
    public const string Name = "Lambda host";
}
