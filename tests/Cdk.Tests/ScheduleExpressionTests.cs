using EcrPublicLambda.Cdk.Schedule;
namespace EcrPublicLambda.Cdk.Tests;

public sealed class ScheduleExpressionTests
{
    private const string Refused =
        " between runs; at most 6 h is allowed (half the 12-hour life of an ECR Public token, so that one missed run cannot let Secrets expire)";

    /// <summary>The synth date of these tests: a cron year field must hold every year from 2026 to 2199.</summary>
    internal static readonly DateOnly SynthDate = new(2026, 12, 2);

    private static ScheduleExpression Accept(string expression)
    {
        var schedule = ScheduleExpression.TryParse(expression, SynthDate, out var error);
        Assert.Null(error);
        return Assert.IsType<ScheduleExpression>(schedule);
    }

    private static string Refuse(string expression)
    {
        var schedule = ScheduleExpression.TryParse(expression, SynthDate, out var error);
        Assert.Null(schedule);
        return Assert.IsType<string>(error);
    }

    [Theory]
    [InlineData("rate(1 minute)", 1)]
    [InlineData("rate(90 minutes)", 90)]
    [InlineData("rate(1 hour)", 60)]
    [InlineData("rate(4 hours)", 4 * 60)]
    [InlineData("rate(6 hours)", 6 * 60)]
    [InlineData("rate(360 minutes)", 6 * 60)]
    [InlineData("cron(0 */4 * * ? *)", 4 * 60)]
    [InlineData("cron(15 0/6 * * ? *)", 6 * 60)]
    [InlineData("cron(*/10 * * * ? *)", 10)]
    [InlineData("cron(* * * * ? *)", 1)]
    [InlineData("cron(0,30 * ? * * *)", 30)]
    [InlineData("cron(0 1,5,9,13,17,21 ? * SUN-SAT *)", 4 * 60)]
    [InlineData("cron(0 2-22/4 1-31 JAN-DEC ? *)", 4 * 60)]
    [InlineData("cron(0 0-23/5 * * ? *)", 5 * 60)] // 0, 5, 10, 15, 20, then 4 h to midnight
    [InlineData("cron(59 5,11,17,23 ? * 1-7 *)", 6 * 60)]
    [InlineData("cron(0 0-18/6 * * ? *)", 6 * 60)] // the night gap is 18:00 -> 00:00
    [InlineData("cron(0 1-19/6 * * ? *)", 6 * 60)]
    public void Usable_schedules_give_their_longest_gap(string expression, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), Accept(expression).LongestGap);

    [Theory]
    [InlineData("rate(12 hours)", "12 h")]
    [InlineData("rate(7 hours)", "7 h")]
    [InlineData("rate(361 minutes)", "6 h 1 min")]
    [InlineData("rate(1 day)", "24 h")]
    [InlineData("rate(3 days)", "3 days")]
    [InlineData("cron(0 3 * * ? *)", "24 h")]
    [InlineData("cron(0 */8 * * ? *)", "8 h")]
    [InlineData("cron(0 0,6,12 * * ? *)", "12 h")] // 12:00 -> 00:00 the next day
    [InlineData("cron(0 0,12 ? * MON-FRI *)", "60 h")] // Friday 12:00 -> Monday 00:00
    [InlineData("cron(0 */4 1-30 * ? *)", "28 h")] // the 31st is skipped: 20:00 on the 30th -> 00:00 on the 1st
    [InlineData("cron(0 */4 * 1-11 ? *)", "31 days 4 h")] // December is skipped
    [InlineData("cron(0 12 L * ? *)", "31 days")]
    [InlineData("cron(0 9 ? * 2#1 *)", "35 days")] // the first Monday of each month
    [InlineData("cron(0 9 ? * L *)", "7 days")] // every Saturday
    [InlineData("cron(0 9 15W * ? *)", "32 days")] // the weekday nearest the 15th: Friday the 14th (15th a Saturday) -> 15th a month of 31 days later
    [InlineData("cron(0 0 29 2 ? *)", "1461 days")] // 29 February: every fourth year
    public void Schedules_with_a_longer_gap_are_refused_naming_it(string expression, string gap) =>
        Assert.Equal($"\"{expression}\" leaves up to {gap}{Refused}", Refuse(expression));

    [Theory]
    [InlineData("cron(60 * * * ? *)", "\"cron(60 * * * ? *)\": minutes field \"60\": 60 is outside 0-59")]
    [InlineData("cron(0 24 * * ? *)", "\"cron(0 24 * * ? *)\": hours field \"24\": 24 is outside 0-23")]
    [InlineData("cron(0 */0 * * ? *)", "\"cron(0 */0 * * ? *)\": hours field \"*/0\": the step \"0\" in \"*/0\" is not a number 1-23")]
    [InlineData("cron(0 5-2 * * ? *)", "\"cron(0 5-2 * * ? *)\": hours field \"5-2\": the range \"5-2\" runs backwards")]
    [InlineData("cron(0 1,,2 * * ? *)", "\"cron(0 1,,2 * * ? *)\": hours field \"1,,2\": an empty list item")]
    [InlineData("cron(x * * * ? *)", "\"cron(x * * * ? *)\": minutes field \"x\": \"x\" is not a number")]
    [InlineData("cron(0 * * FOO ? *)", "\"cron(0 * * FOO ? *)\": month field \"FOO\": \"FOO\" is neither a number 1-12 nor one of JAN-DEC")]
    [InlineData("cron(0 * ? * 0 *)", "\"cron(0 * ? * 0 *)\": day-of-week field \"0\": 0 is outside 1-7")]
    [InlineData("cron(0 * 32 * ? *)", "\"cron(0 * 32 * ? *)\": day-of-month field \"32\": 32 is outside 1-31")]
    [InlineData("cron(0 * * * * *)", "\"cron(0 * * * * *)\": day-of-month \"*\" and day-of-week \"*\": exactly one of them must be \"?\"")]
    [InlineData("cron(0 * ? * ? *)", "\"cron(0 * ? * ? *)\": day-of-month \"?\" and day-of-week \"?\": exactly one of them must be \"?\"")]
    [InlineData("cron(0 * ? * 2#6 *)", "\"cron(0 * ? * 2#6 *)\": day-of-week field \"2#6\": the week in \"#6\" is not 1-5")]
    [InlineData("cron(0 * ? * 2#1,3 *)", "\"cron(0 * ? * 2#1,3 *)\": day-of-week field \"2#1,3\": \"L\" (the last day of the week) and \"n#k\" (the k-th day n of the month) must stand alone; EventBridge's reference lists no other use of L or #")]
    [InlineData("cron(0 * L-3 * ? *)", "\"cron(0 * L-3 * ? *)\": day-of-month field \"L-3\": \"L\" (the last day of the month) and \"nW\" (the weekday nearest day n) must stand alone; EventBridge's reference lists no other use of L or W")]
    [InlineData("cron(0 * ? * 6L *)", "\"cron(0 * ? * 6L *)\": day-of-week field \"6L\": \"L\" (the last day of the week) and \"n#k\" (the k-th day n of the month) must stand alone; EventBridge's reference lists no other use of L or #")]
    [InlineData("cron(0 * LW * ? *)", "\"cron(0 * LW * ? *)\": day-of-month field \"LW\": \"L\" (the last day of the month) and \"nW\" (the weekday nearest day n) must stand alone; EventBridge's reference lists no other use of L or W")]
    [InlineData("cron(0 * ? * */2 *)", "\"cron(0 * ? * */2 *)\": day-of-week field \"*/2\": \"/\" (increments) is not a day-of-week wildcard")]
    [InlineData("cron(0 * * * ? 2027)", "\"cron(0 * * * ? 2027)\": year field \"2027\": it skips 2026; only a field that holds every year from 2026 to 2199 (such as \"*\") is accepted (a schedule that stops would let every Secret expire after its last run)")]
    [InlineData("cron(60 24 * * ? 2027)", "\"cron(60 24 * * ? 2027)\": minutes field \"60\": 60 is outside 0-59; hours field \"24\": 24 is outside 0-23; year field \"2027\": it skips 2026; only a field that holds every year from 2026 to 2199 (such as \"*\") is accepted (a schedule that stops would let every Secret expire after its last run)")]
    [InlineData("cron(0 4 * *)", "\"cron(0 4 * *)\": expected six fields separated by single spaces: minutes hours day-of-month month day-of-week year")]
    [InlineData("cron(0 0 31 2 ? *)", "\"cron(0 0 31 2 ? *)\" never fires")]
    [InlineData("cron(0 0 30W 2 ? *)", "\"cron(0 0 30W 2 ? *)\" never fires")]
    public void Bad_cron_fields_are_named(string expression, string error) => Assert.Equal(error, Refuse(expression));

    [Theory]
    [InlineData("rate(1 hours)", "must use \"hour\" for 1 and \"hours\" otherwise")]
    [InlineData("rate(2 hour)", "must use \"hour\" for 1 and \"hours\" otherwise")]
    [InlineData("rate(0 minutes)", "is not an EventBridge schedule")]
    [InlineData("every 4 hours", "is not an EventBridge schedule")]
    public void Unusable_schedules_are_refused_with_the_reason(string expression, string reason)
    {
        var error = Refuse(expression);

        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.StartsWith($"\"{expression}\"", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 ? * 1 *", "2026-11-23", 7, "2026-11-29")] // day-of-week 1 is Sunday
    [InlineData("0 0 ? * sun *", "2026-11-23", 7, "2026-11-29")]
    [InlineData("0 0 ? * 2-6 *", "2026-11-28", 8, "2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04")]
    [InlineData("0 0 ? * L *", "2026-11-29", 7, "2026-12-05")] // the last day of the week: Saturday
    [InlineData("0 0 ? * MON#1 *", "2026-11-01", 61, "2026-11-02", "2026-12-07")]
    [InlineData("0 0 ? * 1#5 *", "2026-11-01", 61, "2026-11-29")]
    [InlineData("0 0 L * ? *", "2026-11-01", 92, "2026-11-30", "2026-12-31", "2027-01-31")]
    [InlineData("0 0 1W * ? *", "2026-11-01", 92, "2026-11-02", "2026-12-01", "2027-01-01")] // 1 November is a Sunday
    [InlineData("0 0 1W * ? *", "2027-05-01", 5, "2027-05-03")] // a Saturday: not back into April
    [InlineData("0 0 5W * ? *", "2026-11-01", 92, "2026-11-05", "2026-12-04", "2027-01-05")] // 5 December is a Saturday
    [InlineData("0 0 31W * ? *", "2026-11-01", 92, "2026-12-31", "2027-01-29")] // not in November (30 days)
    [InlineData("0 0 1-31/10 dec,Nov ? *", "2026-11-01", 61, "2026-11-01", "2026-11-11", "2026-11-21", "2026-12-01", "2026-12-11", "2026-12-21", "2026-12-31")]
    public void Days_are_matched_as_eventbridge_matches_them(string fields, string from, int days, params string[] expected)
    {
        var schedule = CronSchedule.TryParse(fields, SynthDate, out var error);
        Assert.Null(error);
        var first = DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture);

        var fired = Enumerable.Range(0, days).Select(first.AddDays).Where(schedule!.FiresOn);

        Assert.Equal(expected.Select(day => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)), fired);
    }

    [Theory]
    [InlineData("rate(1 minute)", 1, 1)]
    [InlineData("rate(5 minutes)", 1, 9)]
    [InlineData("rate(30 minutes)", 7, 7)]
    [InlineData("rate(90 minutes)", 22, 7)]
    [InlineData("rate(4 hours)", 60, 7)]
    [InlineData("cron(0 */4 * * ? *)", 60, 7)]
    [InlineData("rate(6 hours)", 60, 7)]
    public void Missed_run_alarm_fires_within_two_gaps_and_eight_hours_of_the_last_success(string expression, int periodMinutes, int periods)
    {
        var schedule = Accept(expression);

        Assert.Equal(TimeSpan.FromMinutes(periodMinutes), schedule.AlarmPeriod);
        Assert.Equal(periods, schedule.MissedPeriods);
        var window = schedule.AlarmPeriod * schedule.MissedPeriods;
        var latest = window + schedule.AlarmPeriod; // the last success may come just after a period starts
        Assert.True(latest <= schedule.LongestGap * 2 && latest <= TimeSpan.FromHours(8), $"alarm as late as {latest}");
        // A healthy schedule has a success in every window, so it never alarms.
        Assert.True(window >= schedule.LongestGap, $"window {window} shorter than the gap");
        // CloudWatch: whole minutes for a standard-resolution metric, and period x periods within a day.
        Assert.Equal(0, schedule.AlarmPeriod.Ticks % TimeSpan.TicksPerMinute);
        Assert.True(window <= TimeSpan.FromDays(1));
    }

    /// <summary>
    /// Every wildcard of the EventBridge cron reference (eb-cron-expressions.html), field by field: minutes and hours
    /// <c>, - * /</c>; day-of-month <c>, - * ? / L W</c>; month <c>, - * /</c> (and JAN-DEC); day-of-week <c>, - * ? L #</c>
    /// (and SUN-SAT); year <c>, - * /</c> (1970-2199). Each is accepted in its field.
    /// </summary>
    [Theory]
    [InlineData("0,30 * * * ? *")] // minutes ,
    [InlineData("0-59 * * * ? *")] // minutes -
    [InlineData("* * * * ? *")] // minutes *
    [InlineData("5/15 * * * ? *")] // minutes /
    [InlineData("0 0,4,8,12,16,20 * * ? *")] // hours ,
    [InlineData("0 0-23 * * ? *")] // hours -
    [InlineData("0 * * * ? *")] // hours *
    [InlineData("0 1/4 * * ? *")] // hours /
    [InlineData("0 */4 1,15 * ? *")] // day-of-month ,
    [InlineData("0 */4 1-31 * ? *")] // day-of-month -
    [InlineData("0 */4 * 1 ? *")] // day-of-month *
    [InlineData("0 */4 ? * MON *")] // day-of-month ? (and day-of-week a name)
    [InlineData("0 */4 1/1 * ? *")] // day-of-month /
    [InlineData("0 */4 L * ? *")] // day-of-month L
    [InlineData("0 */4 15W * ? *")] // day-of-month W
    [InlineData("0 */4 * JAN,FEB,MAR,APR,MAY,JUN,JUL,AUG,SEP,OCT,NOV,DEC ? *")] // month , and names
    [InlineData("0 */4 * 1-12 ? *")] // month -
    [InlineData("0 */4 * */1 ? *")] // month * and /
    [InlineData("0 */4 ? * SUN,MON,TUE,WED,THU,FRI,SAT *")] // day-of-week , and names
    [InlineData("0 */4 ? * 1-7 *")] // day-of-week -
    [InlineData("0 */4 ? * * *")] // day-of-week *
    [InlineData("0 */4 1 * ? *")] // day-of-week ?
    [InlineData("0 */4 ? * L *")] // day-of-week L
    [InlineData("0 */4 ? * 3#2 *")] // day-of-week #
    [InlineData("0 */4 * * ? 2020,2021-2199")] // year , and -
    [InlineData("0 */4 * 2 ? *")] // year *
    [InlineData("0 */4 * * ? 1970/1")] // year /
    public void Every_wildcard_the_reference_lists_is_accepted_in_its_field(string fields)
    {
        var schedule = CronSchedule.TryParse(fields, SynthDate, out var error);

        Assert.Null(error);
        Assert.NotNull(schedule);
    }

    /// <summary>Each field refuses what the reference does not list for it, and the error names that field.</summary>
    [Theory]
    [InlineData("cron(? * * * ? *)", "minutes field \"?\"")]
    [InlineData("cron(L * * * ? *)", "minutes field \"L\"")]
    [InlineData("cron(0 1W * * ? *)", "hours field \"1W\"")]
    [InlineData("cron(0 1#2 * * ? *)", "hours field \"1#2\"")]
    [InlineData("cron(0 * 1#2 * ? *)", "day-of-month field \"1#2\"")]
    [InlineData("cron(0 * LW * ? *)", "day-of-month field \"LW\"")]
    [InlineData("cron(0 * L-2 * ? *)", "day-of-month field \"L-2\"")]
    [InlineData("cron(0 * 1,L * ? *)", "day-of-month field \"1,L\"")]
    [InlineData("cron(0 * * L ? *)", "month field \"L\"")]
    [InlineData("cron(0 * * ? ? *)", "month field \"?\"")]
    [InlineData("cron(0 * * 1W ? *)", "month field \"1W\"")]
    [InlineData("cron(0 * ? * MON/2 *)", "day-of-week field \"MON/2\": \"/\" (increments) is not a day-of-week wildcard")]
    [InlineData("cron(0 * ? * 2-6/2 *)", "day-of-week field \"2-6/2\": \"/\" (increments) is not a day-of-week wildcard")]
    [InlineData("cron(0 * ? * 6L *)", "day-of-week field \"6L\"")]
    [InlineData("cron(0 * ? * FRIL *)", "day-of-week field \"FRIL\"")]
    [InlineData("cron(0 * ? * 2W *)", "day-of-week field \"2W\"")]
    [InlineData("cron(0 * ? * 3#1,6#3 *)", "day-of-week field \"3#1,6#3\"")] // the reference: one expression with #
    [InlineData("cron(0 * * * ? L)", "year field \"L\"")]
    [InlineData("cron(0 * * * ? ?)", "year field \"?\"")]
    [InlineData("cron(0 * * * ? 1969-2199)", "year field \"1969-2199\": 1969 is outside 1970-2199")]
    [InlineData("cron(0 * * * ? 2026-2200)", "year field \"2026-2200\": 2200 is outside 1970-2199")]
    public void What_the_reference_does_not_list_is_refused_naming_the_field(string expression, string reason)
    {
        var error = Refuse(expression);

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A year field that holds every year from the synth date's to 2199 fires exactly as <c>*</c> does from then on:
    /// accepted, with the same gap; one that skips or stops before 2199 is refused naming the first year it misses.
    /// </summary>
    [Theory]
    [InlineData("2020-2199")]
    [InlineData("2026-2199")]
    [InlineData("2026/1")]
    [InlineData("1970-2025,2026-2199")]
    [InlineData("2000,2026-2100,2101-2199")]
    public void A_year_field_holding_every_year_from_the_synth_year_on_is_accepted_as_a_star(string year)
    {
        var star = Accept("cron(0 */4 * * ? *)");

        var schedule = Accept($"cron(0 */4 * * ? {year})");

        Assert.Equal(star.LongestGap, schedule.LongestGap);
    }

    [Theory]
    [InlineData("2027-2199", 2026)] // the synth year itself is missing
    [InlineData("2026-2198", 2199)] // it stops
    [InlineData("2026-2199/2", 2027)] // it skips every other year
    [InlineData("2020-2030,2032-2199", 2031)]
    public void A_year_field_that_skips_a_year_from_the_synth_year_on_is_refused_naming_it(string year, int missing)
    {
        var error = Refuse($"cron(0 */4 * * ? {year})");

        Assert.Contains($"year field \"{year}\": it skips {missing}; only a field that holds every year from 2026 to 2199", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_year_field_is_read_against_the_given_synth_date()
    {
        const string expression = "cron(0 */4 * * ? 2027-2199)";

        Assert.NotNull(ScheduleExpression.TryParse(expression, new DateOnly(2027, 1, 1), out _));
        Assert.Null(ScheduleExpression.TryParse(expression, new DateOnly(2026, 12, 31), out var error));
        Assert.Contains("it skips 2026", error, StringComparison.Ordinal);
    }
}
