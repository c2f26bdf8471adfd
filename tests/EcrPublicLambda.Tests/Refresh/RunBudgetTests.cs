using EcrPublicLambda.Refresh;
using Microsoft.Extensions.Time.Testing;

namespace EcrPublicLambda.Tests.Refresh;

public sealed class RunBudgetTests
{
    private static readonly RefreshOptions Options = new() { DeadlineReserve = TimeSpan.FromSeconds(3), DeadlineCutoff = TimeSpan.FromSeconds(1) };

    [Fact]
    public void No_new_step_starts_once_less_than_the_reserve_is_left()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var budget = new RunBudget(clock.GetUtcNow().AddSeconds(10), clock, Options, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(6.9));
        Assert.False(budget.TooLate);
        Assert.Equal(3100, budget.RemainingMs);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(budget.TooLate);
        Assert.False(budget.IsOver);
    }

    [Fact]
    public void What_is_in_flight_is_cancelled_at_the_cutoff_before_the_deadline()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        using var budget = new RunBudget(clock.GetUtcNow().AddSeconds(10), clock, Options, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(8.999));
        Assert.False(budget.Token.IsCancellationRequested);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(budget.Token.IsCancellationRequested);
        Assert.True(budget.IsOver);
    }

    [Fact]
    public void Without_a_deadline_only_the_caller_ends_the_run()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var budget = new RunBudget(deadline: null, clock, Options, caller.Token);

        clock.Advance(TimeSpan.FromDays(1));
        Assert.False(budget.TooLate);
        Assert.False(budget.IsOver);
        Assert.Null(budget.RemainingMs);

        caller.Cancel();
        Assert.True(budget.IsOver);
    }

    [Fact]
    public async Task Stopping_the_run_cancels_every_part_but_not_the_caller()
    {
        var clock = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var budget = new RunBudget(clock.GetUtcNow().AddMinutes(1), clock, Options, caller.Token);

        await budget.StopAsync();

        Assert.True(budget.Token.IsCancellationRequested);
        Assert.False(caller.IsCancellationRequested);
        Assert.False(budget.TooLate);
    }

    [Fact]
    public void A_deadline_inside_the_reserve_lets_nothing_start()
    {
        var clock = new FakeTimeProvider();
        using var budget = new RunBudget(clock.GetUtcNow().AddMilliseconds(2999), clock, Options, CancellationToken.None);

        Assert.True(budget.TooLate);
        Assert.Equal(2999, budget.RemainingMs);
    }
}
