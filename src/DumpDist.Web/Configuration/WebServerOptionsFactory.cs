using DumpDist.Core.Configuration;
using DumpDist.Web.Hosting;

namespace DumpDist.Web.Configuration;

/// <summary>Builds <see cref="WebServerOptions"/> for one host from the cluster file (<c>services.web</c>, <c>qos</c>).</summary>
internal static class WebServerOptionsFactory
{
    public static WebServerOptions Create(ClusterConfig config, HostConfig host)
    {
        var web = config.Services.Web;
        var options = new WebServerOptions
        {
            Root = host.Root,
            CertificatePath = web.Certificate,
            CertificateKeyPath = web.CertificateKey,
            PlainHttp = web.PlainHttp,
            Qos = QosSettingsMapper.From(config.Qos),
        };
        options.Listen.Add(Trim(web.Listen));
        if (web.HttpsListen is not null)
        {
            options.HttpsListen.Add(Trim(web.HttpsListen));
        }

        return options;
    }

    private static string Trim(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
