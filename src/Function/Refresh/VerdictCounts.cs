namespace EcrPublicLambda.Refresh;

/// <summary>How many namespaces of a status reading have each verdict.</summary>
internal sealed record VerdictCounts(int Fresh, int Expiring, int Stale, int Missing, int Foreign, int Orphaned)
{
    internal static VerdictCounts Of(IEnumerable<Verdict> verdicts)
    {
        var all = verdicts.ToList();
        return new VerdictCounts(
            all.Count(v => v == Verdict.Fresh),
            all.Count(v => v == Verdict.Expiring),
            all.Count(v => v == Verdict.Stale),
            all.Count(v => v == Verdict.Missing),
            all.Count(v => v == Verdict.Foreign),
            all.Count(v => v == Verdict.Orphaned));
    }

    internal int Of(Verdict verdict) => verdict switch
    {
        Verdict.Fresh => Fresh,
        Verdict.Expiring => Expiring,
        Verdict.Stale => Stale,
        Verdict.Missing => Missing,
        Verdict.Foreign => Foreign,
        _ => Orphaned,
    };
}
