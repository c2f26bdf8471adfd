namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The one handler behind the Runtime API loop (<see cref="LambdaHost"/>), as aws-lambda-dotnet's RuntimeSupport keeps
/// one handler delegate behind its bootstrap: one invocation in, its answer out. <paramref name="deadline"/> is the
/// invocation's, always set (the loop replaces one it cannot believe). An exception is the invocation's function error.
/// </summary>
internal delegate Task<InvocationResult> InvocationHandler(Invocation invocation, DateTimeOffset deadline, CancellationToken cancellationToken);
