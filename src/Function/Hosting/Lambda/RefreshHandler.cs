using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// One refresh run, as the Lambda host calls it per invocation: the registry loaded at init, the request parsed
/// from the payload, and the invocation deadline (<c>null</c> when there is none worth believing).
/// </summary>
internal delegate Task<RefreshReport> RefreshHandler(
    Registry registry,
    RefreshRequest request,
    DateTimeOffset? deadline,
    CancellationToken cancellationToken);
