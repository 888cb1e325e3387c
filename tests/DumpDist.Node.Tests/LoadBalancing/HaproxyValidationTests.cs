using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DumpDist.Node.LoadBalancing;
using DumpDist.Node.Tests.LoadBalancing.Support;
using DumpDist.TestSupport;

namespace DumpDist.Node.Tests.LoadBalancing;

/// <summary>Every rendered configuration must pass the real `haproxy -c` (Debian 12's HAProxy 2.6) without warnings.</summary>
public sealed class HaproxyValidationTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("lb-validation");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("two-hosts.yaml")]
    [InlineData("three-hosts.yaml")]
    public async Task HaproxyCheck_SampleCluster_ValidWithoutWarnings(string sample)
    {
        var text = HaproxyConfigRenderer.Render(LbSamples.Load(sample), new HaproxyRenderOptions()).Text!;

        AssertValid(await HaproxyCheck.RunAsync(text));
    }

    [Fact]
    public async Task HaproxyCheck_ExampleClusterFile_ValidWithoutWarnings()
    {
        var loaded = DumpDist.Core.Configuration.ClusterConfigLoader.Load(RepositoryPaths.File("docs", "cluster.example.yaml"));
        Assert.True(loaded.Success, string.Join('\n', loaded.Errors));

        var text = HaproxyConfigRenderer.Render(loaded.Config, new HaproxyRenderOptions()).Text!;

        AssertValid(await HaproxyCheck.RunAsync(text));
    }

    [Fact]
    public async Task HaproxyCheck_EveryOptionSet_ValidWithoutWarnings()
    {
        var yaml = File.ReadAllText(LbSamples.Path("three-hosts.yaml"))
            .Replace("admin_address: 192.0.2.30:9443", "admin_address: localhost:9443", StringComparison.Ordinal)
            .Replace("rsync: { active: dumps3, port: 8873 }", "rsync: { active: dumps3, port: 8873, proxy_protocol: true }", StringComparison.Ordinal);
        var options = new HaproxyRenderOptions
        {
            WebBind = Bind("[::1]:8080"),
            HttpsBind = Bind("127.0.0.1:8443"),
            RsyncBind = Bind(":8873"),
            RsyncSendProxy = true,
            AdminUsesTls = true,
            AdminCaFile = WriteCaFile(),
        };

        var text = HaproxyConfigRenderer.Render(LbSamples.Parse(yaml), options).Text!;

        Assert.Contains("check addr localhost port 9443 check-ssl verify required ca-file", text, StringComparison.Ordinal);
        AssertValid(await HaproxyCheck.RunAsync(text));
    }

    [Fact]
    public async Task HaproxyCheck_BrokenConfiguration_Rejected()
    {
        // The check itself must be able to fail: a server line HAProxy cannot parse.
        var text = HaproxyConfigRenderer.Render(LbSamples.Load("two-hosts.yaml"), new HaproxyRenderOptions()).Text!
            .Replace("check addr 192.0.2.10 port 9100", "check addr 2001:db8::10 port 9100", StringComparison.Ordinal);

        var result = await HaproxyCheck.RunAsync(text);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("invalid address", result.StandardError, StringComparison.Ordinal);
    }

    private static void AssertValid(ProcessResult result)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.True(result.ExitCode == 0, output);
        Assert.Contains("Configuration file is valid", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[WARNING]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("[ALERT]", output, StringComparison.Ordinal);
    }

    private static HaproxyBind Bind(string text)
    {
        Assert.True(HaproxyBind.TryParse(text, out var bind, out var error), error);
        return bind!;
    }

    private string WriteCaFile()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=dumpdist admin test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(_directory, "admin-ca.pem");
        File.WriteAllText(path, certificate.ExportCertificatePem());
        return path;
    }
}
