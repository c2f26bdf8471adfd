using EcrPublicLambda.Kubernetes;

namespace EcrPublicLambda.Refresh;

/// <summary>
/// Which results leave a namespace as the run wants it, for either operation: a refresh's Secret <c>created</c> or
/// <c>updated</c> and its service accounts <c>added</c> or <c>present</c>; a cleanup's Secret <c>deleted</c> or
/// <c>absent</c> and its service accounts <c>removed</c> or <c>absent</c>. Everything else (conflict, failed, skipped)
/// makes the cluster partial or failed.
/// </summary>
internal static class Outcomes
{
    internal static bool IsDone(SecretResult result) =>
        result is SecretResult.Created or SecretResult.Updated or SecretResult.Deleted or SecretResult.Absent;

    internal static bool IsDone(ServiceAccountResult result) =>
        result is ServiceAccountResult.Added or ServiceAccountResult.Present or ServiceAccountResult.Removed or ServiceAccountResult.Absent;
}
