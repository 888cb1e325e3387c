using DumpDist.Nfs.Ganesha;
using DumpDist.Nfs.Probe;

namespace DumpDist.Nfs.Hosting;

/// <summary>Reads the NFS parts a node runs into one <see cref="NfsServerHealth"/>.</summary>
public sealed class NfsServerStatus(NfsProbeMonitor monitor, GaneshaSupervisor? ganesha = null, KernelExportsService? kernel = null)
{
    /// <summary>The current health.</summary>
    public NfsServerHealth Read()
    {
        if (ganesha is not null)
        {
            var status = ganesha.Status;
            var detail = status.ExportsLive switch
            {
                true => "ganesha initialized the export",
                false => "ganesha rejected its config: " + string.Join("; ", status.ConfigErrors ?? []),
                null => status.Running ? "ganesha is starting" : "ganesha is not running",
            };
            return new NfsServerHealth("ganesha", status.ExportsLive, detail, status.Running, status.Restarts, monitor.Last);
        }

        var result = kernel?.LastResult;
        return new NfsServerHealth("kernel", result?.Applied, result?.Detail ?? "not applied yet", null, 0, monitor.Last);
    }
}
