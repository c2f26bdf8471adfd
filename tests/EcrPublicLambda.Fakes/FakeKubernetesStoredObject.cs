using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>An object as the fake keeps it: the body (server metadata included, managed fields apart) and its field managers.</summary>
internal sealed record FakeKubernetesStoredObject(JsonObject Body, IReadOnlyList<FakeKubernetesManager> Managers)
{
    internal string ResourceVersion => (string?)Body["metadata"]?["resourceVersion"] ?? "0";

    internal List<FakeKubernetesManager> CloneManagers() => Managers.Select(m => m.Clone()).ToList();
}
