using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;

namespace DumpDist.Mirrors.Tests.Rsyncd;

public sealed class RsyncdSupervisorTests
{
    [Fact]
    public async Task Status_DaemonKilled_UnhealthyThenRestartedAndHealthy()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var first = daemon.Supervisor.Status;
        using var process = System.Diagnostics.Process.GetProcessById(first.ProcessId!.Value);

        process.Kill();

        Assert.True(await Eventually.TrueAsync(() => daemon.Supervisor.Status.Restarts > first.Restarts, TimeSpan.FromSeconds(10)));
        Assert.True(await Eventually.TrueAsync(() => daemon.Supervisor.Status.Healthy, TimeSpan.FromSeconds(20)), daemon.Supervisor.Status.ToString());
        var pull = await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination());
        Assert.Equal(0, pull.ExitCode);
    }

    [Fact]
    public async Task UpdateAsync_OnlyAllowListChanged_RewritesConfigWithoutRestart()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var before = daemon.Supervisor.Status;
        var settings = daemon.Supervisor.Settings with { HostsAllow = ["127.0.0.9/32"] };

        var changed = await daemon.Supervisor.UpdateAsync(settings, CancellationToken.None);

        Assert.True(changed);
        Assert.Contains("hosts allow = 127.0.0.9/32\n", await File.ReadAllTextAsync(daemon.Supervisor.Paths.ConfigFile), StringComparison.Ordinal);
        Assert.Equal(before.Restarts, daemon.Supervisor.Status.Restarts);
        Assert.False(await daemon.Supervisor.UpdateAsync(settings, CancellationToken.None));
    }
}
