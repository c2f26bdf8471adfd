using EcrPublicLambda.Fakes;

namespace EcrPublicLambda.Sandbox;

/// <summary>A cluster of the sandbox and the fake API server that plays it.</summary>
internal sealed record SandboxMember(SandboxCluster Cluster, FakeKubernetesServer Server);
