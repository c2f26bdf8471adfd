using System.Text.Json.Nodes;

namespace EcrPublicLambda.Fakes;

/// <summary>
/// A list's <c>fieldSelector</c> as kube-apiserver reads it (apimachinery <c>pkg/fields/selector.go</c>: terms joined by
/// commas, each <c>field=value</c>, <c>field==value</c> or <c>field!=value</c>), limited to the fields the real server
/// supports for the kind (<c>pkg/apis/core/v1/conversion.go</c>: a Secret also by <c>type</c>; every object by
/// <c>metadata.name</c> and <c>metadata.namespace</c>). Anything else is a 400, as there.
/// </summary>
internal sealed class FakeFieldSelector
{
    private readonly List<(string Field, bool Equal, string Value)> terms;

    private FakeFieldSelector(List<(string Field, bool Equal, string Value)> terms) => this.terms = terms;

    internal static FakeFieldSelector Parse(string kind, string text)
    {
        var terms = new List<(string, bool, string)>();
        foreach (var term in text.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (op, at) = term.IndexOf("!=", StringComparison.Ordinal) is var ne and >= 0 ? ("!=", ne)
                : term.IndexOf("==", StringComparison.Ordinal) is var eq2 and >= 0 ? ("==", eq2)
                : ("=", term.IndexOf('=', StringComparison.Ordinal));
            if (at <= 0)
            {
                throw FakeKubernetesStatus.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            }

            var field = term[..at];
            var supported = field is "metadata.name" or "metadata.namespace" || (kind == "Secret" && field == "type");
            if (!supported)
            {
                throw FakeKubernetesStatus.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, op != "!=", term[(at + op.Length)..]));
        }

        return new FakeFieldSelector(terms);
    }

    internal bool Matches(JsonNode item) => terms.All(term =>
    {
        var actual = term.Field switch
        {
            "metadata.name" => (string?)item["metadata"]?["name"],
            "metadata.namespace" => (string?)item["metadata"]?["namespace"],
            _ => (string?)item["type"],
        } ?? string.Empty;
        return string.Equals(actual, term.Value, StringComparison.Ordinal) == term.Equal;
    });
}
