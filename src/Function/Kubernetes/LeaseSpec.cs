using System.Globalization;
using System.Text.Json.Serialization;

namespace EcrPublicLambda.Kubernetes;

/// <summary>
/// The spec of a <see cref="LeaseObject"/>. <c>acquireTime</c> and <c>renewTime</c> are MicroTime: RFC 3339 with exactly
/// six fraction digits, the one layout the API server parses them with (apimachinery <c>pkg/apis/meta/v1/micro_time.go</c>,
/// <c>RFC3339Micro</c>). A Lease is held until <c>renewTime + leaseDurationSeconds</c>.
/// </summary>
internal sealed record LeaseSpec(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HolderIdentity,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LeaseDurationSeconds,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AcquireTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RenewTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? LeaseTransitions)
{
    internal const string MicroTimePattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    internal static string MicroTime(DateTimeOffset time) => time.UtcDateTime.ToString(MicroTimePattern, CultureInfo.InvariantCulture);

    /// <summary>
    /// When the Lease stops being held: <c>renewTime + leaseDurationSeconds</c>; null when either is missing or
    /// unreadable (such a Lease holds nobody).
    /// </summary>
    internal DateTimeOffset? HeldUntil()
    {
        if (RenewTime is not { } renewed || LeaseDurationSeconds is not { } seconds
            || !DateTimeOffset.TryParse(renewed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return null;
        }

        return at + TimeSpan.FromSeconds(seconds);
    }
}
