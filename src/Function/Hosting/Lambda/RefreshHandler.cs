using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// One refresh run, as the Lambda host calls it per invocation: the fleet loaded at init, the request parsed
/// from the payload, and the invocation deadline (<c>null</c> when there is none worth believing).
/// </summary>
internal delegate Task<RefreshReport> RefreshHandler(
    Fleet fleet,
    RefreshRequest request,
    DateTimeOffset? deadline,
    CancellationToken cancellationToken);
