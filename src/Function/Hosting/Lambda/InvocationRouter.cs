namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// The one <see cref="InvocationHandler"/> behind the loop: each invocation goes to the handler of its kind. A
/// CloudFormation custom-resource request (<see cref="CustomResourceEventParser.IsCustomResourceEvent"/>), a scheduled
/// event (<see cref="InvocationPayload.IsScheduledEvent"/>), a status reading
/// (<see cref="InvocationPayload.IsStatusRequest"/>), or else a direct invoke.
/// </summary>
internal sealed class InvocationRouter(InvocationHandler customResource, InvocationHandler scheduled, InvocationHandler status, InvocationHandler direct)
{
    internal Task<InvocationResult> HandleAsync(Invocation invocation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var handler = CustomResourceEventParser.IsCustomResourceEvent(invocation.Payload) ? customResource
            : InvocationPayload.IsScheduledEvent(invocation.Payload) ? scheduled
            : InvocationPayload.IsStatusRequest(invocation.Payload) ? status
            : direct;
        return handler(invocation, deadline, cancellationToken);
    }
}
