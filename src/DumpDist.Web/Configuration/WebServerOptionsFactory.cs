using DumpDist.Core.Configuration;
using DumpDist.Web.Hosting;

namespace DumpDist.Web.Configuration;

/// <summary>Builds <see cref="WebServerOptions"/> for one host from the cluster file (<c>services.web</c>, <c>qos</c>, the host's <c>listen_address</c>).</summary>
internal static class WebServerOptionsFactory
{
    /// <summary>The options of <paramref name="host"/>'s web service, or null when the cluster file has no <c>services.web</c>.</summary>
    public static WebServerOptions? Create(ClusterConfig config, HostConfig host)
    {
        if (config.Services.Web is not { } web)
        {
            return null;
        }

        var options = new WebServerOptions
        {
            Root = host.Root,
            CertificatePath = web.Certificate,
            CertificateKeyPath = web.CertificateKey,
            PlainHttp = web.PlainHttp,
            Qos = QosSettingsMapper.From(config.Qos),
            ShutdownTimeout = web.StopTimeout,
            DrainDeadline = web.DrainDeadline,
            PublicUrl = web.PublicUrl,
            IndexFiles = web.IndexFiles,
        };
        options.Listen.Add(Trim(host.Bind(web.Listen)));
        if (web.HttpsListen is not null)
        {
            options.HttpsListen.Add(Trim(host.Bind(web.HttpsListen)));
        }

        return options;
    }

    private static string Trim(Uri uri) => uri.GetLeftPart(UriPartial.Authority);
}
