using System.Net.Http.Headers;

namespace EcrPublicLambda.Aws;

/// <summary>
/// The time AWS requests and EKS tokens are signed with: the machine's clock plus an offset learned from AWS's own
/// clock, as the AWS SDKs correct clock skew. Every AWS response's <c>Date</c> header (success or error; not one
/// served from a cache, which carries <c>Age</c>) is compared with the corrected time; when they differ by
/// <see cref="Threshold"/> or more, the offset becomes <c>Date − machine time</c>. Below the threshold the offset
/// stays as it is (a <c>Date</c> has a one-second resolution and arrives after a round trip). One instance is shared
/// by every AWS call of a run (ECR Public, EKS, the EKS bearer token), so one correction serves them all.
/// </summary>
internal sealed class AwsClock(TimeProvider clock)
{
    /// <summary>The skew worth correcting (the AWS SDKs' clock skew correction uses 4 minutes; AWS refuses at 5, STS at 15).</summary>
    internal static readonly TimeSpan Threshold = TimeSpan.FromMinutes(4);

    private long offsetTicks;

    /// <summary>What was learned so far: AWS's time minus the machine's.</summary>
    internal TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>The machine's time, not corrected (for comparing with times the machine's clock will be compared to).</summary>
    internal TimeProvider Machine { get; } = clock;

    /// <summary>The corrected time: the machine's plus <see cref="Offset"/>.</summary>
    internal DateTimeOffset Now => Machine.GetUtcNow() + Offset;

    /// <summary>Learns from a response's headers; true when the offset changed (a skew of at least <see cref="Threshold"/> was seen).</summary>
    internal bool Observe(HttpResponseHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.Age is null && headers.Date is { } date && Observe(date);
    }

    /// <summary>Learns from a server's time (its <c>Date</c> header); true when the offset changed.</summary>
    internal bool Observe(DateTimeOffset serverTime)
    {
        var machine = Machine.GetUtcNow();
        var known = Interlocked.Read(ref offsetTicks);
        if ((serverTime - (machine + TimeSpan.FromTicks(known))).Duration() < Threshold)
        {
            return false;
        }

        Interlocked.Exchange(ref offsetTicks, (serverTime - machine).Ticks);
        return true;
    }
}
