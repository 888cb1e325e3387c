using DumpDist.Core.Configuration.Source;
using DumpDist.Mirrors.Hosting;
using DumpDist.Mirrors.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Mirrors.Tests.Rsyncd;

/// <summary>A registry entry with a bad address leaves that entry out; the real daemon still admits the others.</summary>
public sealed class RsyncdRegistryProblemTests
{
    [Fact]
    public async Task RegistryWithBadAddress_DaemonAdmitsTheGoodMirrorAndNotTheBadEntry()
    {
        await using var daemon = await DaemonUnderTest.StartAsync(allow: []);
        var file = Path.Combine(daemon.Scratch, "cluster.yaml");
        await File.WriteAllTextAsync(file, ClusterYaml.For(daemon, mirrorAddress: "127.0.0.2") + """

              - name: mirror-typo
                url: https://typo.example.org/dumps/
                hostname: typo.example.org
                ipv4: [127.0.0.3, 127.0.0.0/8x]
            """);
        var source = ClusterConfigSource.Open(file, NullLogger.Instance, out var errors) ?? throw new InvalidOperationException(string.Join("\n", errors));
        var lists = new IncludeListRefresher(daemon.Tree.Root, daemon.Supervisor, TimeSpan.FromHours(1), TimeProvider.System, NullLogger.Instance);
        using var listener = new RsyncdConfigListener(source, "node1", daemon.Supervisor, lists, NullLogger.Instance);

        await listener.ApplyAsync(source.Current, CancellationToken.None);

        Assert.Equal(["mirrors[1].ipv4[1]: '127.0.0.0/8x' has a bad prefix length (0 to 32)"], source.Current.Mirrors[1].AddressProblems);
        Assert.Contains("hosts allow = 127.0.0.2/32\n", await File.ReadAllTextAsync(daemon.Supervisor.Paths.ConfigFile), StringComparison.Ordinal);
        var good = daemon.NewDestination();
        var pulled = await RsyncClient.PullAsync(daemon.Port, "last-1-good", good, from: "127.0.0.2");
        var typo = await RsyncClient.PullAsync(daemon.Port, "last-1-good", daemon.NewDestination(), from: "127.0.0.3");
        Assert.True(pulled.ExitCode == 0, pulled.StandardError + daemon.Log());
        Assert.Contains("aawiki/20261101/aawiki-20261101-pages.xml.bz2", RsyncClient.Files(good));
        Assert.NotEqual(0, typo.ExitCode);
        Assert.Contains("access denied", typo.StandardError + typo.StandardOutput, StringComparison.OrdinalIgnoreCase);
        lists.Dispose();
    }
}
