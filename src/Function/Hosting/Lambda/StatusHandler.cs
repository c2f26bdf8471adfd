using EcrPublicLambda.Configuration;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>One status reading, as the Lambda host calls it for a <c>{"status": true}</c> invocation.</summary>
internal delegate Task<StatusReport> StatusHandler(Fleet fleet, StatusRequest request, CancellationToken cancellationToken);
