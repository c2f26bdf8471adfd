using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>The <c>.dockerconfigjson</c> document: <c>{"auths":{host:entry}}</c>.</summary>
internal sealed record DockerConfig(IReadOnlyDictionary<string, DockerAuthEntry> Auths)
{
    public override string ToString() => $"DockerConfig({Redaction.Marker})";
}
