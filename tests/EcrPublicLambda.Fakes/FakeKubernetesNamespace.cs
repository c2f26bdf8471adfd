namespace EcrPublicLambda.Fakes;

/// <summary>A namespace of the fake API server: labels, <c>status.phase</c> (<c>Active</c> or <c>Terminating</c>) and identity.</summary>
internal sealed record FakeKubernetesNamespace(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    string Phase,
    string Uid,
    string ResourceVersion,
    string CreationTimestamp)
{
    internal const string Active = "Active";

    internal const string Terminating = "Terminating";
}
