using EcrPublicLambda.Common;

namespace EcrPublicLambda.Kubernetes;

/// <summary>One registry entry of a docker config, in kubectl's field order. Holds the password: never printed.</summary>
internal sealed record DockerAuthEntry(string Username, string Password, string Auth)
{
    public override string ToString() => $"DockerAuthEntry(username: {Username}, password: {Redaction.Marker}, auth: {Redaction.Marker})";
}
