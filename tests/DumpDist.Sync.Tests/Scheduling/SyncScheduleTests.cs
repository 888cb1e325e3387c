using DumpDist.Sync.Scheduling;

namespace DumpDist.Sync.Tests.Scheduling;

public sealed class SyncScheduleTests
{
    [Theory]
    [InlineData("2026-11-25T10:03:00Z", 0, "2026-11-25T10:10:00Z")]
    [InlineData("2026-11-25T10:10:00Z", 0, "2026-11-25T10:20:00Z")]
    [InlineData("2026-11-25T10:03:00Z", 5, "2026-11-25T10:05:00Z")]
    [InlineData("2026-11-25T10:07:00Z", 5, "2026-11-25T10:15:00Z")]
    public void Next_IntervalWithHostOffset_StaggeredSlots(string now, int offsetMinutes, string expected)
    {
        var schedule = SyncSchedule.Every(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(offsetMinutes));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule.Next(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0 */8 * * *", "2026-11-25T09:00:00Z", 0, "2026-11-25T16:00:00Z")]
    [InlineData("0 */8 * * *", "2026-11-25T09:00:00Z", 240, "2026-11-25T12:00:00Z")]
    [InlineData("30 2 * * *", "2026-11-25T03:00:00Z", 0, "2026-11-26T02:30:00Z")]
    public void Next_CronWithHostOffset_ShiftedOccurrence(string cron, string now, int offsetMinutes, string expected)
    {
        var schedule = SyncSchedule.TryCron(cron, TimeSpan.FromMinutes(offsetMinutes), out var error);

        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), schedule!.Next(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void TryCron_Invalid_ErrorNamesExpression()
    {
        Assert.Null(SyncSchedule.TryCron("61 * * * *", TimeSpan.Zero, out var error));
        Assert.Contains("61 * * * *", error);
    }
}
