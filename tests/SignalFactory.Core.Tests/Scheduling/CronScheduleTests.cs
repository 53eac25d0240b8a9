using SignalFactory.Core.Scheduling;

namespace SignalFactory.Core.Tests.Scheduling;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("0 2 * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 0 1-5 * MON-FRI")]
    [InlineData("0,30 8-18/2 * JAN,jul *")]
    [InlineData("5/10 * * * *")]
    [InlineData("0 0 * * 7")]
    [InlineData("0 0 * * sun-sat")]
    [InlineData("  0   2 * *\t* ")]
    [InlineData("59 23 31 12 6")]
    [InlineData("@hourly")]
    [InlineData("@daily")]
    [InlineData("@midnight")]
    [InlineData("@weekly")]
    [InlineData("@monthly")]
    [InlineData("@quarterly")]
    [InlineData("@yearly")]
    [InlineData("@annually")]
    public void TryParse_ValidPeriodicExpression_Succeeds(string text)
    {
        Assert.True(CronSchedule.TryParse(text, out var schedule, out var error), error);
        Assert.True(schedule.IsPeriodic);
    }

    [Theory]
    [InlineData("@once")]
    [InlineData("@continuous")]
    [InlineData("None")]
    [InlineData("@none")]
    public void TryParse_NonPeriodicMarker_SucceedsWithoutOccurrences(string text)
    {
        Assert.True(CronSchedule.TryParse(text, out var schedule, out _));
        Assert.False(schedule.IsPeriodic);
        Assert.Null(schedule.GetNextOccurrence(new DateTime(2026, 2, 15, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Theory]
    [InlineData("61 * * * *", "minute field '61': value 61 is out of range 0-59")]
    [InlineData("* 24 * * *", "hour field '24': value 24 is out of range 0-23")]
    [InlineData("* * 0 * *", "day-of-month field '0': value 0 is out of range 1-31")]
    [InlineData("* * 32 * *", "day-of-month field '32'")]
    [InlineData("* * * 13 *", "month field '13': value 13 is out of range 1-12")]
    [InlineData("* * * JANUARY *", "month field 'JANUARY'")]
    [InlineData("* * * * 8", "day-of-week field '8': value 8 is out of range 0-7")]
    [InlineData("0 0 * * MON-FRIX", "day-of-week field 'MON-FRIX'")]
    [InlineData("0 2 * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 4")]
    [InlineData("0 0 2 * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 6")]
    [InlineData("*/0 * * * *", "minute field '*/0': step '0'")]
    [InlineData("5-1 * * * *", "minute field '5-1': range '5-1' runs backwards")]
    [InlineData("1,,2 * * * *", "minute field '1,,2': empty list item")]
    [InlineData("0 0 L * *", "day-of-month field 'L': 'L' is not supported")]
    [InlineData("0 0 ? * *", "day-of-month field '?'")]
    [InlineData("0 0 * * 1#2", "day-of-week field '1#2'")]
    [InlineData("a * * * *", "minute field 'a'")]
    [InlineData("-5 * * * *", "minute field '-5'")]
    [InlineData("@fortnightly", "unknown preset '@fortnightly'")]
    [InlineData("@Daily", "unknown preset '@Daily'")]
    [InlineData("", "the schedule is empty")]
    public void TryParse_InvalidExpression_FailsNamingTheProblem(string text, string expectedMessagePart)
    {
        Assert.False(CronSchedule.TryParse(text, out var schedule, out var error));
        Assert.Null(schedule);
        Assert.Contains(expectedMessagePart, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => CronSchedule.Parse("61 * * * *"));
        Assert.Contains("minute", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // 2026-02-15 is a Sunday; 2026-02-28 a Saturday; 2026-03-01 a Sunday.
    [InlineData("0 2 * * *", "2026-02-15T10:00", "2026-02-16T02:00")]
    [InlineData("0 2 * * *", "2026-02-15T01:59", "2026-02-15T02:00")]
    [InlineData("*/15 * * * *", "2026-02-15T10:07", "2026-02-15T10:15")]
    [InlineData("*/15 * * * *", "2026-02-15T10:15", "2026-02-15T10:30")]
    [InlineData("*/15 * * * *", "2026-02-15T23:59", "2026-02-16T00:00")]
    [InlineData("0 0 * * MON-FRI", "2026-02-15T00:00", "2026-02-16T00:00")]
    // Both day fields restricted: either may match (Sunday March 1 matches day-of-month 1-5).
    [InlineData("0 0 1-5 * MON-FRI", "2026-02-28T00:00", "2026-03-01T00:00")]
    // Day-of-month starts with '*': both must match, so an odd day that is a Monday (March 2 is even).
    [InlineData("0 0 */2 * MON", "2026-02-28T00:00", "2026-03-09T00:00")]
    [InlineData("0 0 * * 7", "2026-02-16T00:00", "2026-02-22T00:00")]
    [InlineData("0 0 29 2 *", "2026-03-01T00:00", "2028-02-29T00:00")]
    [InlineData("30 8 * JUL *", "2026-02-15T00:00", "2026-07-01T08:30")]
    [InlineData("@monthly", "2026-02-15T00:00", "2026-03-01T00:00")]
    [InlineData("@weekly", "2026-02-15T00:00", "2026-02-22T00:00")]
    [InlineData("@quarterly", "2026-02-15T00:00", "2026-04-01T00:00")]
    public void GetNextOccurrence_FromTime_ReturnsNextFiring(string expression, string after, string expected)
    {
        var schedule = CronSchedule.Parse(expression);

        var next = schedule.GetNextOccurrence(DateTime.Parse(after, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }

    [Fact]
    public void GetNextOccurrence_ImpossibleDate_ReturnsNull()
    {
        var schedule = CronSchedule.Parse("0 0 30 2 *");

        Assert.Null(schedule.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void GetNextOccurrence_KeepsKind()
    {
        var next = CronSchedule.Parse("0 2 * * *").GetNextOccurrence(new DateTime(2026, 2, 15, 10, 0, 30, DateTimeKind.Utc));

        Assert.Equal(new DateTime(2026, 2, 16, 2, 0, 0, DateTimeKind.Utc), next);
        Assert.Equal(DateTimeKind.Utc, next!.Value.Kind);
    }

    [Theory]
    [InlineData("0 2 * * *", "2026-02-15T02:00:45", true)]
    [InlineData("0 2 * * *", "2026-02-15T02:01:00", false)]
    [InlineData("0 0 * * 7", "2026-02-15T00:00:00", true)]
    [InlineData("0 0 * * 0", "2026-02-16T00:00:00", false)]
    public void Matches_Time_ComparesToTheMinute(string expression, string time, bool expected)
    {
        var schedule = CronSchedule.Parse(expression);

        Assert.Equal(expected, schedule.Matches(DateTime.Parse(time, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
