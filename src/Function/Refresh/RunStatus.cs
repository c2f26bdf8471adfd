using System.Text.Json.Serialization;

namespace EcrPublicLambda.Refresh;

internal enum RunStatus
{
    [JsonStringEnumMemberName("succeeded")] Succeeded,
    [JsonStringEnumMemberName("partial")] Partial,
    [JsonStringEnumMemberName("failed")] Failed,
}
