using DumpDist.Core.Configuration;
using DumpDist.Core.Processes;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Tests.Support;

namespace DumpDist.Mirrors.Tests.Freshness;

public sealed class MirrorCheckerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly MirrorTrace Ours = MirrorTrace.Of("aawiki/20261101\n", Now.AddHours(-1));
    private static readonly MirrorTrace Old = MirrorTrace.Of("aawiki/20261001\n", Now.AddDays(-3).AddHours(-1));

    private static MirrorConfig Mirror(string name, Uri url) => new() { Name = name, Url = url, Hostname = name + ".example.org" };

    private static MirrorChecker Checker() =>
        new(MirrorHttp.Create(TimeSpan.FromSeconds(5)), new ChildProcessRunner(TimeProvider.System), TimeProvider.System, TimeSpan.FromSeconds(5));

    [Fact]
    public async Task CheckAllAsync_MirrorsOnLoopback_FreshStaleUnreachableAndWrong()
    {
        await using var fresh = new TinyHttpServer(200, Ours.Render());
        await using var stale = new TinyHttpServer(200, Old.Render());
        await using var wrong = new TinyHttpServer(200, "<html>welcome to nginx</html>");
        await using var missing = new TinyHttpServer(404, "not found");
        IReadOnlyList<MirrorConfig> mirrors =
        [
            Mirror("fresh", fresh.Url), Mirror("stale", stale.Url), Mirror("dead", TinyHttpServer.DeadUrl()), Mirror("wrong", wrong.Url), Mirror("missing", missing.Url),
            Mirror("inactive", fresh.Url) with { Active = false },
        ];

        var results = (await Checker().CheckAllAsync(mirrors, Ours, CancellationToken.None)).ToDictionary(r => r.Name);

        Assert.Equal(MirrorCheckStatus.Fresh, results["fresh"].Status);
        Assert.Equal(MirrorCheckStatus.Stale, results["stale"].Status);
        Assert.Equal(TimeSpan.FromDays(3), results["stale"].Lag);
        Assert.Contains("3d0h behind", results["stale"].Detail, StringComparison.Ordinal);
        Assert.Equal(MirrorCheckStatus.Unreachable, results["dead"].Status);
        Assert.Equal(MirrorCheckStatus.WrongContent, results["wrong"].Status);
        Assert.Equal(MirrorCheckStatus.WrongContent, results["missing"].Status);
        Assert.False(results.ContainsKey("inactive"));
        Assert.EndsWith("/dumps/dumpdist-trace.txt", results["fresh"].TraceUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_RsyncOnlyMirrorWithOurTrace_IsFresh()
    {
        await using var daemon = await DaemonUnderTest.StartAsync();
        var ours = MirrorTrace.TryParse(await File.ReadAllTextAsync(Path.Combine(daemon.Tree.Public, MirrorTrace.FileName)))!;

        var result = await Checker().CheckAsync(Mirror("rsync-only", new Uri($"rsync://127.0.0.1:{daemon.Port}/last-1-good/")), ours, CancellationToken.None);

        Assert.Equal(MirrorCheckStatus.Fresh, result.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("dumpdist-trace 1\nupdated: yesterday\ndigest: x\nruns: 1\n")]
    [InlineData("dumpdist-trace 2\nupdated: 2026-11-30T11:00:00Z\ndigest: 0000000000000000000000000000000000000000000000000000000000000000\nruns: 1\n")]
    public void TryParse_NotATrace_Null(string text) => Assert.Null(MirrorTrace.TryParse(text));

    [Fact]
    public void Compare_NewerThanOurs_WrongContent()
    {
        var newer = MirrorTrace.Of("zzwiki/20261201\n", Now);

        Assert.Equal(MirrorCheckStatus.WrongContent, MirrorChecker.Compare("m", newer, Ours, Now, "u").Status);
        Assert.Equal(Ours, MirrorTrace.TryParse(Ours.Render()));
    }
}
