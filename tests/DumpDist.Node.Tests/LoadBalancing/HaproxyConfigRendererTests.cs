using System.Text.RegularExpressions;
using DumpDist.Node.LoadBalancing;
using DumpDist.Node.Tests.LoadBalancing.Support;

namespace DumpDist.Node.Tests.LoadBalancing;

public sealed class HaproxyConfigRendererTests
{
    [Theory]
    [InlineData("two-hosts.yaml", "two-hosts.cfg")]
    [InlineData("three-hosts.yaml", "three-hosts.cfg")]
    public void Render_SampleCluster_MatchesGoldenFile(string sample, string golden)
    {
        var result = HaproxyConfigRenderer.Render(LbSamples.Load(sample), new HaproxyRenderOptions { SourceName = sample });

        Assert.True(result.Success, string.Join('\n', result.Errors));
        Assert.Empty(result.Warnings);
        LbGolden.AssertMatches(golden, result.Text!);
    }

    [Fact]
    public void Render_HostAdded_EveryBackendGetsItsServer()
    {
        var yaml = File.ReadAllText(LbSamples.Path("two-hosts.yaml")).Replace(
            "services:",
            "  - name: dumps9\n    public_address: 203.0.113.90\n    admin_address: 192.0.2.90:9100\n    root: /srv/dumps\nservices:",
            StringComparison.Ordinal);

        var text = HaproxyConfigRenderer.Render(LbSamples.Parse(yaml), new HaproxyRenderOptions()).Text!;

        Assert.Equal(
            [
                "    server dumps9 203.0.113.90:8080 check addr 192.0.2.90 port 9100",
                "    server dumps9 203.0.113.90:873 check addr 192.0.2.90 port 9100",
            ],
            Lines(text).Where(l => l.Contains("dumps9", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_NoHttpsListen_OnlyWebAndRsyncFrontends()
    {
        var text = HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), new HaproxyRenderOptions()).Text!;

        Assert.Equal(["frontend web from dumpdist", "frontend rsync from dumpdist"], Lines(text).Where(l => l.StartsWith("frontend ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_BindsGiven_FrontendsListenThere()
    {
        var options = new HaproxyRenderOptions
        {
            WebBind = Bind("127.0.0.1:8080"),
            HttpsBind = Bind("[::]:8443"),
            RsyncBind = Bind("192.0.2.1:873"),
        };

        var text = HaproxyConfigRenderer.Render(LbSamples.Load("three-hosts.yaml"), options).Text!;

        Assert.Equal(["    bind 127.0.0.1:8080", "    bind [::]:8443", "    bind 192.0.2.1:873"], Lines(text).Where(l => l.StartsWith("    bind ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Render_HttpsBindWithoutHttpsListen_ErrorNamesTheMissingKey()
    {
        var result = HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), new HaproxyRenderOptions { HttpsBind = Bind(":443") });

        Assert.False(result.Success);
        Assert.Equal(["an HTTPS bind (:443) was given but services.web.https_listen is not set, so there is no HTTPS frontend"], result.Errors);
    }

    [Theory]
    [InlineData(":873", null, "the web and rsync frontends would share a socket (:873 and :873)")]
    [InlineData("127.0.0.1:9000", "0.0.0.0:9000", "the web and rsync frontends would share a socket (127.0.0.1:9000 and 0.0.0.0:9000)")]
    [InlineData("127.0.0.1:9000", "127.0.0.1:9000", "the web and rsync frontends would share a socket (127.0.0.1:9000 and 127.0.0.1:9000)")]
    public void Render_TwoFrontendsOnOneSocket_Error(string web, string? rsync, string expected)
    {
        var options = new HaproxyRenderOptions { WebBind = Bind(web), RsyncBind = rsync is null ? null : Bind(rsync) };

        var result = HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), options);

        Assert.Equal([expected], result.Errors);
        Assert.Null(result.Text);
    }

    [Fact]
    public void Render_SamePortOnDifferentAddresses_Renders()
    {
        var options = new HaproxyRenderOptions { WebBind = Bind("127.0.0.1:9000"), RsyncBind = Bind("127.0.0.2:9000") };

        Assert.True(HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), options).Success);
    }

    [Fact]
    public void Render_NoTrustedProxies_WarnsAndSendsNoProxyHeaderToHttps()
    {
        var yaml = File.ReadAllText(LbSamples.Path("three-hosts.yaml")).Replace("  trusted_proxies: [192.0.2.1, \"2001:db8:1::1\"]", "  trusted_proxies: []", StringComparison.Ordinal);

        var result = HaproxyConfigRenderer.Render(LbSamples.Parse(yaml), new HaproxyRenderOptions());

        Assert.Contains(result.Warnings, w => w.StartsWith("qos.trusted_proxies is empty", StringComparison.Ordinal));
        Assert.DoesNotContain("send-proxy", result.Text, StringComparison.Ordinal);
        Assert.Contains("    server dumps1 203.0.113.10:443 check addr 192.0.2.10 port 9100\n", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ActiveMirrorWithoutRsyncProxyHeader_Warns()
    {
        var yaml = File.ReadAllText(LbSamples.Path("two-hosts.yaml")) + """
            mirrors:
              - name: example-university
                url: https://mirror.example.edu/dumps/
                hostname: mirror.example.edu
                ipv4: [198.51.100.7]

            """;

        var plain = HaproxyConfigRenderer.Render(LbSamples.Parse(yaml), new HaproxyRenderOptions());
        var withKey = yaml.Replace("rsync: { active: dumps2, port: 873 }", "rsync: { active: dumps2, port: 873, proxy_protocol: true }", StringComparison.Ordinal);
        var proxied = HaproxyConfigRenderer.Render(LbSamples.Parse(withKey), new HaproxyRenderOptions());

        Assert.Contains(plain.Warnings, w => w.Contains("hosts allow", StringComparison.Ordinal));
        Assert.Empty(proxied.Warnings);
        Assert.Contains("    server dumps1 203.0.113.10:873 check addr 192.0.2.10 port 9100 send-proxy-v2\n", proxied.Text, StringComparison.Ordinal);
        Assert.Contains("    server dumps1 203.0.113.10:8080 check addr 192.0.2.10 port 9100\n", proxied.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SendProxyFlagWithoutTheKey_IsAnErrorNamingTheKey()
    {
        var result = HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), new HaproxyRenderOptions { RsyncSendProxy = true });

        Assert.False(result.Success);
        Assert.Contains(result.Errors, e => e.StartsWith("--rsync-send-proxy: set services.rsync.proxy_protocol: true", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ProxyProtocolWithoutTrustedProxies_Warns()
    {
        var yaml = File.ReadAllText(LbSamples.Path("two-hosts.yaml"))
            .Replace("rsync: { active: dumps2, port: 873 }", "rsync: { active: dumps2, port: 873, proxy_protocol: true }", StringComparison.Ordinal)
            .Replace("  trusted_proxies: [192.0.2.1]", "  trusted_proxies: []", StringComparison.Ordinal);

        var result = HaproxyConfigRenderer.Render(LbSamples.Parse(yaml), new HaproxyRenderOptions());

        Assert.Contains(result.Warnings, w => w.Contains("take a PROXY header from any peer", StringComparison.Ordinal));
        Assert.Contains("    server dumps2 203.0.113.20:873 check addr 192.0.2.20 port 9100 send-proxy-v2\n", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AdminTls_EveryCheckVerifiesTheNodeCertificate()
    {
        var text = HaproxyConfigRenderer.Render(LbSamples.Load("three-hosts.yaml"), new HaproxyRenderOptions { AdminUsesTls = true, AdminCaFile = "/etc/dumpdist/admin-ca.pem" }).Text!;

        var servers = Lines(text).Where(l => l.StartsWith("    server ", StringComparison.Ordinal)).ToList();
        Assert.Equal(9, servers.Count);
        Assert.All(servers, s => Assert.Contains(" check-ssl verify required ca-file /etc/dumpdist/admin-ca.pem", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_AdminTlsWithoutCa_ErrorInsteadOfUnverifiedChecks()
    {
        var result = HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), new HaproxyRenderOptions { AdminUsesTls = true });

        Assert.Equal(["the admin listeners use TLS but no admin CA is configured, so the health checks could not verify them"], result.Errors);
    }

    [Fact]
    public void Render_AdminCaWithoutTls_ChecksStayPlain()
    {
        var text = HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), new HaproxyRenderOptions { AdminCaFile = "/etc/dumpdist/admin-ca.pem" }).Text!;

        Assert.DoesNotContain("check-ssl", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AdminAddressByName_CheckedAtThatName()
    {
        var yaml = File.ReadAllText(LbSamples.Path("two-hosts.yaml")).Replace("admin_address: 192.0.2.20:9100", "admin_address: dumps2.admin.example.org:9100", StringComparison.Ordinal);

        var text = HaproxyConfigRenderer.Render(LbSamples.Parse(yaml), new HaproxyRenderOptions()).Text!;

        Assert.Contains("    server dumps2 203.0.113.20:8080 check addr dumps2.admin.example.org port 9100\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AnyCluster_NeverEndsRunningSessionsWhenAServerGoesDown()
    {
        var text = HaproxyConfigRenderer.Render(LbSamples.Load("three-hosts.yaml"), new HaproxyRenderOptions()).Text!;

        Assert.DoesNotMatch(new Regex(@"(?m)^[^#\n]*on-marked-down"), text);
        Assert.DoesNotMatch(new Regex(@"(?m)^[^#\n]*shutdown-sessions"), text);
    }

    private static HaproxyBind Bind(string text)
    {
        Assert.True(HaproxyBind.TryParse(text, out var bind, out var error), error);
        return bind!;
    }

    private static string[] Lines(string text) => text.Split('\n');
}
