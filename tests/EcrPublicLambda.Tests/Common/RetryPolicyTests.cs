using System.Net;
using EcrPublicLambda.Common;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Common;

/// <summary>The one retry policy: attempts, full-jitter bounds, Retry-After, what is not retried, and the time budget.</summary>
public sealed class RetryPolicyTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_retryable_failure_is_tried_MaxAttempts_times_and_the_last_result_returned()
    {
        var policy = new RetryPolicy(new RetryOptions { MaxAttempts = 4 }, clock, () => 0.5);
        var waits = new List<TimeSpan>();

        var (result, attempts) = await RunAsync(policy, number => new RetryAttempt<string>($"failure {number}", true), waits);

        Assert.Equal(("failure 4", 4), (result, attempts));
        Assert.Equal([100, 200, 400], waits.Select(w => w.TotalMilliseconds));
    }

    [Fact]
    public async Task A_success_after_failures_stops_the_retries()
    {
        var policy = new RetryPolicy(new RetryOptions(), clock, () => 1.0);
        var waits = new List<TimeSpan>();

        var (result, attempts) = await RunAsync(policy, number => new RetryAttempt<string>(number == 3 ? "ok" : "throttled", number < 3), waits);

        Assert.Equal(("ok", 3), (result, attempts));
        Assert.Equal([200, 400], waits.Select(w => w.TotalMilliseconds));
    }

    [Fact]
    public async Task A_failure_that_is_not_retryable_is_returned_at_once()
    {
        var policy = new RetryPolicy(new RetryOptions(), clock);
        var waits = new List<TimeSpan>();

        var (result, attempts) = await RunAsync(policy, _ => new RetryAttempt<string>("403 AccessDenied", false), waits);

        Assert.Equal(("403 AccessDenied", 1), (result, attempts));
        Assert.Empty(waits);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.999999)]
    public void Full_jitter_waits_anywhere_from_zero_to_the_doubling_capped_ceiling(double draw)
    {
        var policy = new RetryPolicy(new RetryOptions(), clock, () => draw);
        double[] ceilings = [200, 400, 800, 1600, 3200, 5000, 5000];

        for (var attempt = 1; attempt <= ceilings.Length; attempt++)
        {
            var wait = policy.Wait(attempt, null).TotalMilliseconds;
            Assert.InRange(wait, 0, ceilings[attempt - 1]);
            Assert.Equal(ceilings[attempt - 1] * draw, wait, 3);
        }
    }

    [Fact]
    public void Real_randomness_stays_within_the_bounds()
    {
        var policy = new RetryPolicy(new RetryOptions(), clock);

        Assert.All(Enumerable.Range(0, 200), _ => Assert.InRange(policy.Wait(3, null).TotalMilliseconds, 0, 800));
    }

    [Fact]
    public void Retry_After_is_a_floor_under_the_jittered_backoff_and_is_bounded()
    {
        var low = new RetryPolicy(new RetryOptions(), clock, () => 0.0);
        var high = new RetryPolicy(new RetryOptions(), clock, () => 1.0);

        Assert.Equal(TimeSpan.FromSeconds(3), low.Wait(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromSeconds(3), high.Wait(1, TimeSpan.FromSeconds(3)));
        Assert.Equal(TimeSpan.FromMilliseconds(3200), high.Wait(5, TimeSpan.FromSeconds(1)));
        Assert.Equal(TimeSpan.FromSeconds(20), low.Wait(1, TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.Zero, low.Wait(1, TimeSpan.FromSeconds(-5)));
    }

    [Fact]
    public async Task A_Retry_After_from_the_answer_is_waited()
    {
        var policy = new RetryPolicy(new RetryOptions(), clock, () => 0.0);
        var waits = new List<TimeSpan>();

        await RunAsync(policy, number => new RetryAttempt<string>("429", number == 1, TimeSpan.FromSeconds(7)), waits);

        Assert.Equal([TimeSpan.FromSeconds(7)], waits);
    }

    [Fact]
    public void Retry_After_is_read_as_seconds_or_as_a_date()
    {
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "4");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", clock.GetUtcNow().AddSeconds(90).ToString("r"));
        using var none = new HttpResponseMessage(HttpStatusCode.InternalServerError);

        Assert.Equal(TimeSpan.FromSeconds(4), RetryPolicy.RetryAfter(seconds.Headers, clock));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryPolicy.RetryAfter(date.Headers, clock));
        Assert.Null(RetryPolicy.RetryAfter(none.Headers, clock));
    }

    [Fact]
    public async Task No_retry_starts_whose_wait_would_end_after_the_budget()
    {
        var policy = new RetryPolicy(new RetryOptions { MaxAttempts = 10, BaseDelay = TimeSpan.FromMilliseconds(400), Budget = TimeSpan.FromSeconds(1) }, clock, () => 1.0);
        var waits = new List<TimeSpan>();

        var (_, attempts) = await RunAsync(policy, _ => new RetryAttempt<string>("503", true), waits);

        // 400 ms fits (0 + 400 <= 1000); the next 800 ms would end at 1200 ms.
        Assert.Equal(2, attempts);
        Assert.Equal([TimeSpan.FromMilliseconds(400)], waits);
    }

    [Fact]
    public async Task Time_spent_in_attempts_counts_against_the_budget()
    {
        var policy = new RetryPolicy(new RetryOptions { Budget = TimeSpan.FromSeconds(30) }, clock, () => 1.0);
        var waits = new List<TimeSpan>();

        // Each attempt takes 20 s (a request timeout): after the first, a 200 ms wait still fits; after the second it does not.
        var (_, attempts) = await RunAsync(
            policy,
            _ =>
            {
                clock.Advance(TimeSpan.FromSeconds(20));
                return new RetryAttempt<string>("no answer", true);
            },
            waits);

        Assert.Equal(2, attempts);
        Assert.Single(waits);
    }

    [Fact]
    public async Task A_wait_ends_only_when_the_clock_has_moved_and_cancellation_stops_it()
    {
        var policy = new RetryPolicy(new RetryOptions(), clock, () => 1.0);
        using var cancel = new CancellationTokenSource();
        var attempts = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var run = policy.ExecuteAsync(
            (_, _) =>
            {
                if (Interlocked.Increment(ref attempts) == 2)
                {
                    second.SetResult();
                }

                return Task.FromResult(new RetryAttempt<string>("503", true));
            },
            (_, _, _) => { },
            cancel.Token);

        // The fake clock fires a timer only when moved to its due time: 1 ms short, nothing happens.
        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(run.IsCompleted);
        Assert.Equal(1, Volatile.Read(ref attempts));
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await second.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Equal(2, Volatile.Read(ref attempts));
    }

    /// <summary>Runs the policy; each wait is recorded and the clock moved past it as soon as it starts.</summary>
    private Task<(string Result, int Attempts)> RunAsync(RetryPolicy policy, Func<int, RetryAttempt<string>> attempt, List<TimeSpan> waits) =>
        policy.ExecuteAsync(
            (number, _) => Task.FromResult(attempt(number)),
            (_, _, wait) =>
            {
                waits.Add(wait);
                clock.Advance(wait);
            },
            CancellationToken.None);
}
