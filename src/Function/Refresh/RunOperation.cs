using System.Text.Json.Serialization;

namespace EcrPublicLambda.Refresh;

/// <summary>What a run does: write the pull Secrets (refresh) or take them away again (cleanup).</summary>
internal enum RunOperation
{
    [JsonStringEnumMemberName("refresh")] Refresh,
    [JsonStringEnumMemberName("cleanup")] Cleanup,
}
