namespace EcrPublicLambda.Kubernetes;

/// <summary>A Lease this run holds: where it is, and the uid and resourceVersion its release is guarded by.</summary>
internal sealed record LeaseHold(string Namespace, string Name, string Uid, string ResourceVersion)
{
    public override string ToString() => $"{Namespace}/{Name}";
}
