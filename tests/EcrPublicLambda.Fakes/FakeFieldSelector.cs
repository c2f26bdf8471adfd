namespace EcrPublicLambda.Fakes;

/// <summary>
/// A <c>fieldSelector</c> as the API server parses it (apimachinery <c>pkg/fields/selector.go</c>, <c>ParseSelector</c>):
/// comma-separated <c>field=value</c>, <c>field==value</c> or <c>field!=value</c> terms, all of which must hold. Only the
/// fields the resource declares are allowed (Secrets: <c>metadata.name</c>, <c>metadata.namespace</c>, <c>type</c>, from
/// <c>pkg/apis/core/v1/conversion.go</c>); any other answers 400 <c>field label not supported</c>.
/// </summary>
internal sealed class FakeFieldSelector
{
    private readonly List<(string Field, bool Equal, string Value)> terms;

    private FakeFieldSelector(List<(string Field, bool Equal, string Value)> terms) => this.terms = terms;

    internal bool IsEmpty => terms.Count == 0;

    internal static FakeFieldSelector Parse(string? text, IReadOnlyCollection<string> supported)
    {
        var terms = new List<(string, bool, string)>();
        foreach (var term in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (field, equal, value) = term.IndexOf("!=", StringComparison.Ordinal) is var not and >= 0 ? (term[..not], false, term[(not + 2)..])
                : term.IndexOf("==", StringComparison.Ordinal) is var twice and >= 0 ? (term[..twice], true, term[(twice + 2)..])
                : term.IndexOf('=', StringComparison.Ordinal) is var once and >= 0 ? (term[..once], true, term[(once + 1)..])
                : throw FakeKubernetesStatus.BadRequest($"invalid selector: '{text}'; can't understand '{term}'");
            field = field.Trim();
            if (!supported.Contains(field))
            {
                throw FakeKubernetesStatus.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, equal, value.Trim()));
        }

        return new FakeFieldSelector(terms);
    }

    /// <summary>
    /// The name an exact <c>metadata.name=NAME</c> term asks for (<c>RequiresExactMatch</c>), which kube-apiserver takes as
    /// the request's name for authorization of a list (<c>staging/src/k8s.io/apiserver/pkg/endpoints/request/requestinfo.go</c>).
    /// </summary>
    internal string? ExactName =>
        terms.Where(term => term.Field == "metadata.name" && term.Equal).Select(term => term.Value).FirstOrDefault();

    internal bool Matches(IReadOnlyDictionary<string, string> fields) =>
        terms.All(term => string.Equals(fields.GetValueOrDefault(term.Field, string.Empty), term.Value, StringComparison.Ordinal) == term.Equal);
}
