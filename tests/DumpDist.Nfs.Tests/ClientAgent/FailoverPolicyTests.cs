using DumpDist.Nfs.ClientAgent;

namespace DumpDist.Nfs.Tests.ClientAgent;

public sealed class FailoverPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Hysteresis = TimeSpan.FromMinutes(10);

    /// <summary>health: "up" / "down"; since: minutes the server has been healthy (-1 = unhealthy).</summary>
    [Theory]
    // first run
    [InlineData(null, "dumps1", "up", 0, "up", 0, "dumps1", "first choice")]
    [InlineData(null, "dumps1", "down", -1, "up", 30, "dumps2", "assigned server dumps1 is unhealthy")]
    [InlineData(null, "dumps1", "down", -1, "down", -1, "dumps1", "no server is healthy")]
    // on the assigned server
    [InlineData("dumps1", "dumps1", "up", 60, "up", 60, "dumps1", "assigned server dumps1 is healthy")]
    [InlineData("dumps1", "dumps1", "down", -1, "up", 60, "dumps2", "switched to healthy dumps2")]
    [InlineData("dumps1", "dumps1", "down", -1, "down", -1, "dumps1", "no server is healthy")]
    // failed over to dumps2, dumps1 assigned
    [InlineData("dumps2", "dumps1", "down", -1, "up", 60, "dumps2", "assigned server dumps1 is unhealthy")]
    [InlineData("dumps2", "dumps1", "up", 0, "up", 60, "dumps2", "healthy for 0 s of 10 min")]
    [InlineData("dumps2", "dumps1", "up", 9, "up", 60, "dumps2", "healthy for 9 min of 10 min")]
    [InlineData("dumps2", "dumps1", "up", 10, "up", 60, "dumps1", "following the assignment")]
    [InlineData("dumps2", "dumps1", "up", 1, "down", -1, "dumps1", "current server dumps2 is unhealthy")]
    [InlineData("dumps2", "dumps1", "down", -1, "down", -1, "dumps2", "no server is healthy")]
    // the operator moved the assignment to dumps2 while we are on a healthy dumps1
    [InlineData("dumps1", "dumps2", "up", 60, "up", 60, "dumps2", "following the assignment")]
    [InlineData("dumps1", "dumps2", "up", 60, "up", 2, "dumps1", "healthy for 2 min of 10 min")]
    // state names a server no longer configured
    [InlineData("dumps9", "dumps1", "up", 0, "up", 0, "dumps1", "first choice")]
    public void Decide_Table_PicksTargetWithReason(
        string? current, string assigned, string h1, int since1, string h2, int since2, string expected, string reason)
    {
        var health = new Dictionary<string, ServerHealth>
        {
            ["dumps1"] = new("dumps1", h1 == "up", $"dumps1 {h1}", null),
            ["dumps2"] = new("dumps2", h2 == "up", $"dumps2 {h2}", null),
        };
        var since = new Dictionary<string, DateTimeOffset?>
        {
            ["dumps1"] = since1 < 0 ? null : Now - TimeSpan.FromMinutes(since1),
            ["dumps2"] = since2 < 0 ? null : Now - TimeSpan.FromMinutes(since2),
        };

        var decision = FailoverPolicy.Decide(["dumps1", "dumps2"], assigned, current, health, since, Now, Hysteresis);

        Assert.Equal(expected, decision.Target);
        Assert.Contains(reason, decision.Reason);
    }
}
