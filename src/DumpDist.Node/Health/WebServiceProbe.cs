using DumpDist.Core.Configuration;
using DumpDist.Web.Hosting;

namespace DumpDist.Node.Health;

/// <summary>The web works when its listeners are up.</summary>
internal sealed class WebServiceProbe(WebHostedService web) : IServiceProbe
{
    public ServiceKind Service => ServiceKind.Web;

    public ServiceCheck Check() => web.Server is { } server
        ? new ServiceCheck(true, "listening on " + string.Join(", ", server.Addresses))
        : new ServiceCheck(false, "web is not listening: " + (web.Problem ?? "not started"));
}
