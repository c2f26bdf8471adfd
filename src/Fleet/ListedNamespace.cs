namespace EcrPublicLambda.Configuration;

/// <summary>A namespace as <c>GET /api/v1/namespaces</c> lists it: name, labels and <c>status.phase</c> (<c>Active</c> or <c>Terminating</c>).</summary>
public sealed record ListedNamespace(string Name, IReadOnlyDictionary<string, string> Labels, string? Phase)
{
    public const string Active = "Active";

    public bool IsActive => string.Equals(Phase, Active, StringComparison.Ordinal);
}
