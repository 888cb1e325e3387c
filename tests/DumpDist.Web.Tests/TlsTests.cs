using DumpDist.Core.Configuration;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DumpDist.TestSupport;
using DumpDist.Web.Hosting;
using DumpDist.Web.Tests.Support;

namespace DumpDist.Web.Tests;

public sealed class TlsTests : IDisposable
{
    private readonly TestTree _tree = new();
    private readonly string _tlsDir = TestPaths.NewTempDirectory("tls");

    public void Dispose()
    {
        _tree.Dispose();
        Directory.Delete(_tlsDir, recursive: true);
    }

    [Fact]
    public async Task Https_ServesFiles_ReloadsRenewedCertificate_PlainRedirects()
    {
        var file = _tree.AddFile("enwiki/big.bin", 1024 * 1024 + 5, seed: 4);
        var cert = Path.Combine(_tlsDir, "tls.crt");
        var key = Path.Combine(_tlsDir, "tls.key");
        WritePem("first.test", cert, key);
        await using var server = await RunningServer.StartAsync(_tree, configure: o =>
        {
            o.HttpsListen.Add("https://127.0.0.1:0");
            o.CertificatePath = cert;
            o.CertificateKeyPath = key;
            o.PlainHttp = PlainHttpPolicy.Redirect;
        });
        var https = server.Server.Address("https");

        var first = await CurlVerboseAsync(new Uri(https, "enwiki/big.bin").ToString());
        WritePem("second.test", cert, key);
        File.SetLastWriteTimeUtc(cert, DateTime.UtcNow.AddSeconds(3));
        await Task.Delay(1100);
        await CurlVerboseAsync(new Uri(https, "enwiki/big.bin").ToString());
        var second = await CurlVerboseAsync(new Uri(https, "enwiki/big.bin").ToString());
        var plain = await Curl.GetAsync(server.Url("enwiki/big.bin"));

        Assert.Contains("CN=first.test", first.Log, StringComparison.Ordinal);
        Assert.Equal(file, first.Body);
        Assert.Contains("CN=second.test", second.Log, StringComparison.Ordinal);
        Assert.Equal(file, second.Body);
        Assert.Equal(301, plain.Status);
        Assert.Equal($"https://127.0.0.1:{https.Port}/enwiki/big.bin", plain.Header("Location"));
    }

    [Theory]
    [InlineData(null, "https://127.0.0.1:{port}/a.txt?x=1")]
    [InlineData("https://dumps.example.org/", "https://dumps.example.org/a.txt?x=1")]
    public async Task PlainHttp_RedirectWithHostileHost_TargetFromPublicUrlOrTheAddressReached(string? publicUrl, string expected)
    {
        _tree.AddText("a.txt", "a");
        var cert = Path.Combine(_tlsDir, "tls.crt");
        var key = Path.Combine(_tlsDir, "tls.key");
        WritePem("redirect.test", cert, key);
        await using var server = await RunningServer.StartAsync(_tree, configure: o =>
        {
            o.HttpsListen.Add("https://127.0.0.1:0");
            o.CertificatePath = cert;
            o.CertificateKeyPath = key;
            o.PlainHttp = PlainHttpPolicy.Redirect;
            o.PublicUrl = publicUrl is null ? null : new Uri(publicUrl);
        });

        var plain = await Curl.GetAsync(server.Url("a.txt?x=1"), "-H", "Host: evil.example");

        Assert.Equal(301, plain.Status);
        Assert.Equal(expected.Replace("{port}", server.Server.Address("https").Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), plain.Header("Location"));
    }

    [Fact]
    public async Task PlainHttp_RefuseMode_403()
    {
        _tree.AddText("a.txt", "a");
        var cert = Path.Combine(_tlsDir, "tls.crt");
        var key = Path.Combine(_tlsDir, "tls.key");
        WritePem("refuse.test", cert, key);
        await using var server = await RunningServer.StartAsync(_tree, configure: o =>
        {
            o.HttpsListen.Add("https://127.0.0.1:0");
            o.CertificatePath = cert;
            o.CertificateKeyPath = key;
            o.PlainHttp = PlainHttpPolicy.Forbid;
        });

        var plain = await Curl.GetAsync(server.Url("a.txt"));
        var secure = await Curl.GetAsync(new Uri(server.Server.Address("https"), "a.txt").ToString(), "-k");

        Assert.Equal(403, plain.Status);
        Assert.Equal(200, secure.Status);
        Assert.Equal("a", secure.Text);
    }

    private static async Task<(string Log, byte[] Body)> CurlVerboseAsync(string url)
    {
        var output = Path.GetTempFileName();
        try
        {
            var result = await ExternalProgram.RunAsync("curl", ["-sS", "-k", "-v", "-o", output, url]);
            Assert.True(result.ExitCode == 0, result.StandardError);
            return (result.StandardError, await File.ReadAllBytesAsync(output));
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static void WritePem(string name, string certPath, string keyPath)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, rsa.ExportPkcs8PrivateKeyPem());
    }
}
