namespace EcrPublicLambda.Aws;

/// <summary><c>cluster.accessConfig</c>: <c>API</c>, <c>API_AND_CONFIG_MAP</c> or <c>CONFIG_MAP</c>.</summary>
internal sealed class EksAccessConfig
{
    public string? AuthenticationMode { get; set; }
}
