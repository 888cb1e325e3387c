using DumpDist.Core.Configuration.Source;
using DumpDist.Web.Hosting;

namespace DumpDist.Web.Configuration;

/// <summary>Options of one host's web service from the cluster file (<c>services.web</c>, <c>qos</c>), rebuilt on every new snapshot.</summary>
internal sealed class ClusterWebOptionsSource(IClusterConfigSource config, WebHostOptions host) : IWebOptionsSource
{
    public WebServerOptions Build()
    {
        var current = config.Current;
        var hostConfig = current.FindHost(host.HostName) ?? throw new InvalidOperationException($"host '{host.HostName}' is not in {config.Path}");
        // A reload that drops services.web is refused by the caller (stopping a service is a restart, not a reload).
        var options = WebServerOptionsFactory.Create(current, hostConfig)
            ?? throw new InvalidOperationException($"services.web is not in {config.Path}; this cluster runs no web service");
        options.AccessLogPath = host.AccessLogPath;
        options.ZeroCopy = host.ZeroCopy;
        options.ReusePort = host.ReusePort;
        options.AdminListen = host.AdminListen;
        options.PublicUrl = host.PublicUrl ?? options.PublicUrl;
        return options;
    }

    public IDisposable Subscribe(Action onChange) => config.Subscribe((previous, current) => onChange());
}
