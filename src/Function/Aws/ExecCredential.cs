namespace EcrPublicLambda.Aws;

/// <summary>
/// The <c>client.authentication.k8s.io</c> ExecCredential a kubectl exec plugin prints, fields in the order
/// <c>aws eks get-token</c> prints them. <see cref="ToString"/> hides the token.
/// </summary>
internal sealed class ExecCredential(string apiVersion, ExecCredentialStatus status)
{
    internal const string V1Beta1 = "client.authentication.k8s.io/v1beta1";
    internal const string V1 = "client.authentication.k8s.io/v1";

    public string Kind { get; } = "ExecCredential";

    public string ApiVersion { get; } = apiVersion;

    public ExecCredentialSpec Spec { get; } = new();

    public ExecCredentialStatus Status { get; } = status;

    public override string ToString() => $"ExecCredential {{ ApiVersion = {ApiVersion}, Status = {Status} }}";
}
