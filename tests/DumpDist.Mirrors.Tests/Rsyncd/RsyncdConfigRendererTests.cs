using DumpDist.Mirrors.Rsyncd;
using DumpDist.Mirrors.Tests.Support;

namespace DumpDist.Mirrors.Tests.Rsyncd;

public sealed class RsyncdConfigRendererTests
{
    private static readonly RsyncdPaths Paths = new("/var/lib/dumpdist/rsyncd");

    [Fact]
    public void Render_EmptyRegistry_DeniesEveryoneAndAllowsNoOne()
    {
        var text = RsyncdConfigRenderer.Render(DaemonUnderTest.Settings("/srv/dumps", 873, []), Paths, asRoot: false);

        Assert.DoesNotContain("hosts allow", text, StringComparison.Ordinal);
        Assert.Contains("hosts deny = *\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Settings_ReadOnlyModulesWithLimitsAndOneLockFile()
    {
        var text = RsyncdConfigRenderer.Render(DaemonUnderTest.Settings("/srv/dumps", 873, ["10.0.0.0/8", "2001:db8::/32"], maxConnections: 7, keepRuns: [1, 3]), Paths, asRoot: false);

        Assert.Contains("hosts allow = 10.0.0.0/8 2001:db8::/32\n", text, StringComparison.Ordinal);
        Assert.Contains("max connections = 7\n", text, StringComparison.Ordinal);
        Assert.Contains("lock file = /var/lib/dumpdist/rsyncd/rsyncd.lock\n", text, StringComparison.Ordinal);
        Assert.Contains("refuse options = delete compress\n", text, StringComparison.Ordinal);
        Assert.Contains("dont compress = *\n", text, StringComparison.Ordinal);
        Assert.Contains("read only = yes\n", text, StringComparison.Ordinal);
        Assert.Contains("[last-1-good]\n    path = /srv/dumps/public\n", text, StringComparison.Ordinal);
        Assert.Contains("[last-3-good]\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[last-2-good]", text, StringComparison.Ordinal);
        Assert.Contains("[other]\n    path = /srv/dumps/public/other\n", text, StringComparison.Ordinal);
        Assert.Contains("[all]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Arguments_BandwidthCap_IsDaemonOption()
    {
        var settings = DaemonUnderTest.Settings("/srv/dumps", 873, []) with { BandwidthLimitKiB = 80000 };

        Assert.Contains("--bwlimit=80000", settings.Arguments(Paths));
        Assert.DoesNotContain(DaemonUnderTest.Settings("/srv/dumps", 873, []).Arguments(Paths), a => a.StartsWith("--bwlimit", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_AsRoot_ServesAsNobodyByDefault()
    {
        var asRoot = RsyncdConfigRenderer.Render(DaemonUnderTest.Settings("/srv/dumps", 873, []), Paths, asRoot: true);
        var asUser = RsyncdConfigRenderer.Render(DaemonUnderTest.Settings("/srv/dumps", 873, []), Paths, asRoot: false);

        Assert.Contains("uid = nobody\ngid = nogroup\n", asRoot, StringComparison.Ordinal);
        Assert.DoesNotContain("uid =", asUser, StringComparison.Ordinal);
        Assert.DoesNotContain("gid =", asUser, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ConfiguredAccount_IsWhoRsyncdServesAs()
    {
        var settings = DaemonUnderTest.Settings("/srv/dumps", 873, []) with { User = "dumps", Group = "dumps" };

        Assert.Contains("uid = dumps\ngid = dumps\n", RsyncdConfigRenderer.Render(settings, Paths, asRoot: true), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ProxyProtocol_AcceptsHeadersFromTheTrustedProxiesOnly()
    {
        var plain = RsyncdConfigRenderer.Render(DaemonUnderTest.Settings("/srv/dumps", 873, []), Paths, asRoot: false);
        var proxied = RsyncdConfigRenderer.Render(
            DaemonUnderTest.Settings("/srv/dumps", 873, []) with { ProxyProtocol = true, ProxyProtocolHosts = ["192.0.2.5/32", "2001:db8::5/128"] }, Paths, asRoot: false);

        Assert.DoesNotContain("proxy protocol", plain, StringComparison.Ordinal);
        Assert.Contains("proxy protocol = yes\nproxy protocol hosts = 192.0.2.5/32 2001:db8::5/128\n", proxied, StringComparison.Ordinal);
    }
}
