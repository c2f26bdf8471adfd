using System.Text.Json.Serialization;

namespace EcrPublicLambda.Refresh;

/// <summary>What <c>bootstrap status</c> makes of one namespace's pull Secret (the words are the contract of issue 20).</summary>
internal enum Verdict
{
    /// <summary>Ours, selected, and its password outlives the expiring window.</summary>
    [JsonStringEnumMemberName("fresh")] Fresh,

    /// <summary>Ours, selected, and its password expires within the window (<c>--expiring-within</c>, 6 hours by default).</summary>
    [JsonStringEnumMemberName("expiring")] Expiring,

    /// <summary>Ours, selected, and its password has expired (or it carries no readable expiry).</summary>
    [JsonStringEnumMemberName("stale")] Stale,

    /// <summary>Selected, and no Secret of that name is there.</summary>
    [JsonStringEnumMemberName("missing")] Missing,

    /// <summary>A Secret of that name is there and is not ours: what a refresh reports as <c>conflict</c>.</summary>
    [JsonStringEnumMemberName("foreign")] Foreign,

    /// <summary>Ours, in a namespace the selection no longer selects.</summary>
    [JsonStringEnumMemberName("orphaned")] Orphaned,
}
