using System.Text.Json;
using EcrPublicLambda.Refresh;

namespace EcrPublicLambda.Hosting;

/// <summary>The words the tables and the page use for enum values: the JSON's (camelCase of the member's name).</summary>
internal static class Words
{
    internal static readonly IReadOnlyList<Verdict> Verdicts = [Verdict.Fresh, Verdict.Expiring, Verdict.Stale, Verdict.Missing, Verdict.Foreign, Verdict.Orphaned];

    internal static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
