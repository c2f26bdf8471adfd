namespace EcrPublicLambda.Fakes;

/// <summary>One <c>managedFields</c> entry: a field manager, its operation (Apply or Update) and the fields it owns.</summary>
internal sealed class FakeKubernetesManager(string name, string operation, Dictionary<string, string[]> fields, DateTimeOffset time)
{
    internal string Name { get; } = name;

    internal string Operation { get; } = operation;

    internal Dictionary<string, string[]> Fields { get; } = fields;

    internal DateTimeOffset Time { get; set; } = time;

    internal bool Is(string manager, string op) => Name == manager && Operation == op;

    internal FakeKubernetesManager Clone() => new(Name, Operation, new Dictionary<string, string[]>(Fields, StringComparer.Ordinal), Time);

    internal string Signature() => $"{Name}|{Operation}|{string.Join(",", Fields.Keys.Order(StringComparer.Ordinal))}";
}
