using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>
/// One run, as the invocation handlers call it: the fleet loaded at init, the request (its operation included) parsed
/// from the payload, and the invocation deadline (<c>null</c> when there is none worth believing).
/// </summary>
internal delegate Task<RefreshReport> RefreshHandler(
    Fleet fleet,
    RefreshRequest request,
    DateTimeOffset? deadline,
    CancellationToken cancellationToken);
