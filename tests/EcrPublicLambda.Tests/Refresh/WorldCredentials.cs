namespace EcrPublicLambda.Tests.Refresh;

/// <summary>What the secret of a <c>kubernetes</c> <see cref="WorldCluster"/> holds.</summary>
internal enum WorldCredentials
{
    /// <summary><c>{"token": ...}</c>: a ServiceAccount token its API server issued.</summary>
    Token,

    /// <summary><c>{"clientCertificate": ..., "clientKey": ...}</c>: a client certificate its API server's CA signed.</summary>
    ClientCertificate,
}
