using System.Collections;

namespace EcrPublicLambda.Hosting.Lambda;

/// <summary>The logging scope of one invocation: every line logged inside it carries <c>requestId</c>.</summary>
internal sealed class InvocationScope(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?> field = new("requestId", requestId);

    public int Count => 1;

    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? field : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return field;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"requestId:{field.Value}";
}
