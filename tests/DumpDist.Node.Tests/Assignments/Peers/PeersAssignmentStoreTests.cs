using DumpDist.Core.Cluster;
using DumpDist.Node.Admin;
using DumpDist.Node.Assignments.Peers;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Node.Tests.Assignments.Peers;

public sealed class PeersAssignmentStoreTests : IDisposable
{
    private static readonly AssignmentSet Defaults = new() { Services = new Dictionary<string, string> { ["web"] = "a", ["nfs-vps"] = "a" } };
    private readonly string _dir = TestPaths.NewTempDirectory("peers-store");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task CommitAsync_NextEpoch_StoredAndSurvivesReopen_AuditListedNewestFirst()
    {
        var store = Open();
        var changed = new List<long>();
        store.Changed += set => changed.Add(set.Epoch);

        var first = await store.CommitAsync(Change(1, "web", "b"), CancellationToken.None);
        var second = await store.CommitAsync(Change(2, "nfs-vps", "b", store.Current), CancellationToken.None);
        var reopened = Open();
        var audit = await reopened.AuditAsync(10, CancellationToken.None);

        Assert.True(first.Committed);
        Assert.True(second.Committed);
        Assert.Equal([1L, 2L], changed);
        Assert.Equal(2, reopened.Current.Epoch);
        Assert.Equal("b", reopened.Current.HostOf("web"));
        Assert.Equal("b", reopened.Current.HostOf("nfs-vps"));
        Assert.Equal([2L, 1L], audit.Select(a => a.Epoch));
        Assert.True(store.Reachable);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task CommitAsync_NotTheNextEpoch_RefusedAndNothingStored(long epoch)
    {
        var store = Open();

        var result = await store.CommitAsync(Change(epoch, "web", "b"), CancellationToken.None);

        Assert.False(result.Committed);
        Assert.Contains("not the next one", result.Message, StringComparison.Ordinal);
        Assert.Equal(0, store.Current.Epoch);
        Assert.Empty(await store.AuditAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task AcceptAsync_NewerTaken_OlderKeptInAuditOnly()
    {
        var store = Open();

        var newer = await store.AcceptAsync(Change(3, "web", "b"), CancellationToken.None);
        var older = await store.AcceptAsync(Change(2, "web", "a"), CancellationToken.None);

        Assert.True(newer);
        Assert.False(older);
        Assert.Equal(3, store.Current.Epoch);
        Assert.Equal("b", store.Current.HostOf("web"));
        Assert.Equal([3L, 2L], (await store.AuditAsync(10, CancellationToken.None)).Select(a => a.Epoch));
        Assert.Equal([3L], store.ChangesAfter(2).Select(c => c.Assignments.Epoch));
    }

    [Fact]
    public async Task CommitAsync_PeerUnreachable_CommittedHereAndSaysWhichPeerMissedIt()
    {
        using var http = new HttpClient();
        var port = FreePort.Next();
        var peer = new AdminClient(http, new Uri($"http://127.0.0.1:{port}/"), "t", TimeSpan.FromSeconds(2));
        var store = new PeersAssignmentStore(NodeDatabase.Open(_dir), Defaults, () => new Dictionary<string, AdminClient> { ["b"] = peer }, NullLogger.Instance);

        var result = await store.CommitAsync(Change(1, "web", "b"), CancellationToken.None);
        await store.RefreshAsync(CancellationToken.None);

        Assert.True(result.Committed);
        Assert.Empty(result.Acknowledged);
        Assert.Contains("not reached: b", result.Message, StringComparison.Ordinal);
        Assert.False(store.Reachable);
        Assert.Equal(1, store.Current.Epoch);
    }

    [Fact]
    public void UpdateDefaults_OnlyWhileNoChangeWasMade()
    {
        var store = Open();
        var moved = Defaults with { Services = new Dictionary<string, string> { ["web"] = "b", ["nfs-vps"] = "a" } };

        store.UpdateDefaults(moved);

        Assert.Equal("b", store.Current.HostOf("web"));
    }

    private PeersAssignmentStore Open() =>
        new(NodeDatabase.Open(_dir), Defaults, () => new Dictionary<string, AdminClient>(), NullLogger.Instance);

    private static AssignmentChange Change(long epoch, string service, string to, AssignmentSet? from = null) => new()
    {
        Assignments = (from ?? Defaults) with { Epoch = epoch, Services = new Dictionary<string, string>((from ?? Defaults).Services) { [service] = to } },
        Audit = new AuditRecord { Epoch = epoch, Action = "failover", Service = service, To = to, Token = "ops", Time = DateTimeOffset.UnixEpoch.AddDays(epoch) },
    };
}
