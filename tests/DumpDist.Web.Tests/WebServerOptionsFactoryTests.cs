using System.Net;
using DumpDist.Core.Configuration;
using DumpDist.Web.Configuration;

namespace DumpDist.Web.Tests;

public sealed class WebServerOptionsFactoryTests
{
    private static readonly HostConfig Host = new()
    {
        Name = "dumps1",
        PublicAddress = IPAddress.Parse("127.0.0.2"),
        AdminAddress = new HostPort("127.0.0.1", 9100),
        Root = "/srv/dumps1",
    };

    [Fact]
    public void Create_HostWithListenAddress_BindsBothListenersThereOnTheConfiguredPorts()
    {
        var config = Config(new WebServiceConfig
        {
            Active = "dumps1",
            Listen = new Uri("http://0.0.0.0:8080"),
            HttpsListen = new Uri("https://[::]:8443"),
            Certificate = "/c.pem",
            CertificateKey = "/k.pem",
        });

        var options = WebServerOptionsFactory.Create(config, Host with { ListenAddress = IPAddress.Parse("127.0.0.2") })!;

        Assert.Equal(["http://127.0.0.2:8080"], options.Listen);
        Assert.Equal(["https://127.0.0.2:8443"], options.HttpsListen);
    }

    [Fact]
    public void Create_HostWithoutListenAddress_KeepsTheServiceUrls()
    {
        var options = WebServerOptionsFactory.Create(Config(new WebServiceConfig { Active = "dumps1", Listen = new Uri("http://0.0.0.0:8080") }), Host)!;

        Assert.Equal(["http://0.0.0.0:8080"], options.Listen);
        Assert.Empty(options.HttpsListen);
    }

    [Fact]
    public void Create_DrainDeadlineAndStopTimeout_MappedToTheServer()
    {
        var web = new WebServiceConfig { Active = "dumps1", DrainDeadline = TimeSpan.FromMinutes(3), StopTimeout = TimeSpan.FromSeconds(7) };

        var options = WebServerOptionsFactory.Create(Config(web), Host)!;

        Assert.Equal(TimeSpan.FromMinutes(3), options.DrainDeadline);
        Assert.Equal(TimeSpan.FromSeconds(7), options.ShutdownTimeout);
    }

    [Fact]
    public void Create_NoWebService_ReturnsNull()
    {
        Assert.Null(WebServerOptionsFactory.Create(Config(null), Host));
    }

    private static ClusterConfig Config(WebServiceConfig? web) => new()
    {
        Source = new SourceConfig { Url = "/srv/source" },
        Datasets = [],
        Hosts = [Host],
        Services = new ServicesConfig { Web = web },
    };
}
