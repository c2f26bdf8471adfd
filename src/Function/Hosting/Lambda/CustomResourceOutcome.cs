using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// What handling one custom-resource request came to: the run it made (null: none; a run that threw is reported as
/// every cluster failed), the answer CloudFormation got, and the invocation error to post: null once the answer was
/// delivered, whatever the run came to (the failure lives in the answer, the logs and the run's metrics, and Lambda
/// then keeps no failure record with the ResponseURL in it).
/// </summary>
internal sealed record CustomResourceOutcome(RefreshReport? Report, CustomResourceResponse? Response, InvocationError? Error);
