using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// What handling one custom-resource request came to: the run it made (null: none; its report names its operation),
/// the answer CloudFormation got, and the invocation error to post (null: the invocation succeeded).
/// </summary>
internal sealed record CustomResourceOutcome(RefreshReport? Report, CustomResourceResponse? Response, InvocationError? Error);
