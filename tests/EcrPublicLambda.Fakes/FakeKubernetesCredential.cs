namespace EcrPublicLambda.Fakes;

/// <summary>An AWS key pair the fake's STS check knows, and the Kubernetes user it maps to.</summary>
internal sealed record FakeKubernetesCredential(string AccessKeyId, string SecretAccessKey, string UserName)
{
    /// <summary>The documentation example keys (no real account).</summary>
    internal static FakeKubernetesCredential Example { get; } = new(
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "arn:aws:iam::111122223333:role/ecr-public-writer");

    public override string ToString() => $"FakeKubernetesCredential({AccessKeyId}, [redacted], {UserName})";
}
