using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Mirrors.Hosting;
using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Mirrors.Tests.Rsyncd;

/// <summary>Who may pull, how many at once, and that nothing can be written, against the real daemon.</summary>
public sealed class RsyncdAccessTests
{
    [Fact]
    public async Task Pull_FromAddressNotInRegistry_IsRefused()
    {
        await using var daemon = await DaemonUnderTest.StartAsync(allow: ["127.0.0.1/32"]);
        var copy = daemon.NewDestination();

        var pull = await RsyncClient.PullAsync(daemon.Port, "last-1-good", copy, from: "127.0.0.2");

        Assert.NotEqual(0, pull.ExitCode);
        Assert.Contains("access denied", pull.StandardError + pull.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(RsyncClient.Files(copy));
    }

    [Fact]
    public async Task Pull_EmptyRegistry_RefusesEveryone()
    {
        await using var daemon = await DaemonUnderTest.StartAsync(allow: []);

        var pull = await RsyncClient.PullAsync(daemon.Port, "all", daemon.NewDestination());

        Assert.NotEqual(0, pull.ExitCode);
    }

    [Fact]
    public async Task Pull_BeyondMaxConnections_IsRefused()
    {
        await using var daemon = await DaemonUnderTest.StartAsync(maxConnections: 1, extra: t => t.AddRun("ccwiki", "20261101", "done", size: 4 << 20));
        // The first client holds its connection: 4 MiB at 64 KiB/s.
        var slow = RsyncClient.PullAsync(daemon.Port, "all", daemon.NewDestination(), "127.0.0.1", "--bwlimit=64");
        Assert.True(await Eventually.TrueAsync(() => daemon.Log().Contains("xfer send", StringComparison.Ordinal), TimeSpan.FromSeconds(20)), daemon.Log());

        var second = await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination());

        Assert.Equal(5, second.ExitCode);
        Assert.Contains("max connections (1) reached", second.StandardError + second.StandardOutput, StringComparison.Ordinal);
        await daemon.Supervisor.StopAsync(CancellationToken.None);
        await slow;
    }

    [Fact]
    public async Task Push_ToAnyModule_FailsAndWritesNothing()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var upload = Path.Combine(daemon.NewDestination(), "evil.txt");
        await File.WriteAllTextAsync(upload, "x");

        var push = await ExternalProgram.RunAsync("rsync", [upload, $"rsync://127.0.0.1:{daemon.Port}/all/"]);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("read only", push.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(Path.Combine(daemon.Tree.Public, "evil.txt")));
    }

    [Fact]
    public async Task PushWithDelete_EmptyDirectoryOverModule_FailsAndDeletesNothing()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var before = RsyncClient.Files(daemon.Tree.Public);

        var push = await ExternalProgram.RunAsync("rsync", ["-r", "--delete", daemon.NewDestination() + "/", $"rsync://127.0.0.1:{daemon.Port}/all/"]);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Equal(before, RsyncClient.Files(daemon.Tree.Public));
    }

    [Theory]
    [InlineData("--compress")]
    [InlineData("-z")]
    public async Task Pull_WithCompression_IsRefused(string option)
    {
        await using var daemon = await DaemonUnderTest.StartAsync();

        var pull = await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination(), "127.0.0.1", option);

        Assert.NotEqual(0, pull.ExitCode);
        Assert.Contains("refuse", pull.StandardError + pull.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pull_NodeRunsAsRoot_DaemonServesAsNobody()
    {
        Assert.True(Environment.IsPrivilegedProcess, "the node under test must run as root, as CI does, for rsyncd to switch user");
        await using var daemon = await DaemonUnderTest.StartAsync(extra: t =>
        {
            t.AddRun("ccwiki", "20261101", "done", size: 300_000);
            t.Write("ccwiki/20261101/root-only.txt");
            File.SetUnixFileMode(Path.Combine(t.Public, "ccwiki/20261101/root-only.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        });
        var copy = daemon.NewDestination();

        var pull = await RsyncClient.PullAsync(daemon.Port, "last-1-good", copy);

        Assert.Contains("uid = nobody\ngid = nogroup\n", await File.ReadAllTextAsync(daemon.Supervisor.Paths.ConfigFile), StringComparison.Ordinal);
        // A file only root may read is the proof: the transfer runs as nobody, so it fails (exit 23) and the rest arrives.
        Assert.Equal(23, pull.ExitCode);
        Assert.Contains("root-only.txt", pull.StandardError, StringComparison.Ordinal);
        Assert.Contains("Permission denied", pull.StandardError, StringComparison.Ordinal);
        Assert.Equal(300_000, new FileInfo(Path.Combine(copy, "ccwiki/20261101/ccwiki-20261101-pages.xml.bz2")).Length);
        Assert.False(File.Exists(Path.Combine(copy, "ccwiki/20261101/root-only.txt")));
    }

    [Fact]
    public async Task Pull_ConfiguredAccount_DaemonServesAsIt()
    {
        await using var daemon = await DaemonUnderTest.StartAsync(
            configure: s => s with { User = "root", Group = "root" },
            extra: t =>
            {
                t.AddRun("ccwiki", "20261101", "done");
                t.Write("ccwiki/20261101/root-only.txt", size: 7);
                File.SetUnixFileMode(Path.Combine(t.Public, "ccwiki/20261101/root-only.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
            });
        var copy = daemon.NewDestination();

        var pull = await RsyncClient.PullAsync(daemon.Port, "last-1-good", copy);

        Assert.Contains("uid = root\ngid = root\n", await File.ReadAllTextAsync(daemon.Supervisor.Paths.ConfigFile), StringComparison.Ordinal);
        Assert.True(pull.ExitCode == 0, pull.StandardError);
        Assert.Equal(7, new FileInfo(Path.Combine(copy, "ccwiki/20261101/root-only.txt")).Length);
    }

    [Fact]
    public async Task RegistryEdit_NextConnection_UsesNewAllowListWithoutRestart()
    {
        await using var daemon = await DaemonUnderTest.StartAsync(allow: ["127.0.0.1/32"]);
        var pid = daemon.Supervisor.Status;
        var file = Path.Combine(daemon.Scratch, "cluster.yaml");
        await File.WriteAllTextAsync(file, ClusterYaml.For(daemon, mirrorAddress: "127.0.0.1"));
        var source = ClusterConfigSource.Open(file, NullLogger.Instance, out var errors) ?? throw new InvalidOperationException(string.Join("\n", errors));
        var lists = new IncludeListRefresher(daemon.Tree.Root, daemon.Supervisor, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance);
        var listener = new RsyncdConfigListener(source, "node1", daemon.Supervisor, lists, NullLogger.Instance);
        await listener.StartAsync(CancellationToken.None);
        Assert.NotEqual(0, (await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination(), from: "127.0.0.2")).ExitCode);

        await File.WriteAllTextAsync(file, ClusterYaml.For(daemon, mirrorAddress: "127.0.0.2"));
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddSeconds(5));
        Assert.True(source.ReloadIfChanged());
        Assert.True(await Eventually.TrueAsync(() => listener.Applied >= 1, TimeSpan.FromSeconds(10)));

        var allowed = await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination(), from: "127.0.0.2");
        var refused = await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination(), from: "127.0.0.1");
        Assert.True(allowed.ExitCode == 0, allowed.StandardError + daemon.Log());
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(pid.Restarts, daemon.Supervisor.Status.Restarts);
        Assert.True(daemon.Supervisor.Status.Running);
        await listener.StopAsync(CancellationToken.None);
        listener.Dispose();
        lists.Dispose();
    }
}
