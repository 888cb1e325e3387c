using DumpDist.Core.IO;
using Prometheus;

namespace DumpDist.Nfs.Metrics;

/// <summary>
/// Prometheus gauges and counters of the NFS parts: exports applied, ganesha running and its
/// restarts, probe results per server, and which server each client's links point at.
/// </summary>
public sealed class NfsMetrics
{
    private readonly Gauge _exportsApplied;
    private readonly Gauge _exportsAppliedTime;
    private readonly Gauge _ganeshaRunning;
    private readonly Counter _ganeshaRestarts;
    private readonly Gauge _probeUp;
    private readonly Gauge _probeLatency;
    private readonly Gauge _active;
    private readonly Counter _switches;
    private readonly CollectorRegistry _registry;

    /// <summary>Registers the metrics in <paramref name="registry"/> (a fresh one in tests, <see cref="Prometheus.Metrics.DefaultRegistry"/> in the daemon).</summary>
    public NfsMetrics(CollectorRegistry registry)
    {
        _registry = registry;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _exportsApplied = factory.CreateGauge("dumpdist_nfs_exports_applied", "1 when the last exports apply succeeded, 0 when it failed.", "format");
        _exportsAppliedTime = factory.CreateGauge("dumpdist_nfs_exports_applied_timestamp_seconds", "Unix time of the last successful exports apply.", "format");
        _ganeshaRunning = factory.CreateGauge("dumpdist_nfs_ganesha_running", "1 while the supervised ganesha.nfsd is running.");
        _ganeshaRestarts = factory.CreateCounter("dumpdist_nfs_ganesha_restarts_total", "Times the supervisor restarted ganesha.nfsd after it died.");
        _probeUp = factory.CreateGauge("dumpdist_nfs_probe_up", "1 when the server answered the NFSv4 NULL probe (and, on clients, the canary stat).", "server");
        _probeLatency = factory.CreateGauge("dumpdist_nfs_probe_latency_seconds", "Round trip of the last successful NFSv4 NULL probe.", "server");
        _active = factory.CreateGauge("dumpdist_nfs_client_active", "1 for the server this client's links point at.", "service", "server");
        _switches = factory.CreateCounter("dumpdist_nfs_client_switches_total", "Times the client agent moved its links.", "service", "from", "to");
    }

    /// <summary>Records an exports apply.</summary>
    public void SetExportsApplied(string format, bool applied, DateTimeOffset at)
    {
        _exportsApplied.WithLabels(format).Set(applied ? 1 : 0);
        if (applied)
        {
            _exportsAppliedTime.WithLabels(format).Set(at.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    /// <summary>Records the supervisor's view of ganesha.</summary>
    public void SetGanesha(bool running, int restarts)
    {
        _ganeshaRunning.Set(running ? 1 : 0);
        _ganeshaRestarts.IncTo(restarts);
    }

    /// <summary>Records a probe (or health) result for a server.</summary>
    public void SetProbe(string server, bool up, TimeSpan? latency)
    {
        _probeUp.WithLabels(server).Set(up ? 1 : 0);
        if (latency is { } l)
        {
            _probeLatency.WithLabels(server).Set(l.TotalSeconds);
        }
    }

    /// <summary>Marks <paramref name="active"/> as the server the links of <paramref name="service"/> point at.</summary>
    public void SetActive(string service, IEnumerable<string> servers, string active)
    {
        foreach (var server in servers)
        {
            _active.WithLabels(service, server).Set(server == active ? 1 : 0);
        }
    }

    /// <summary>Writes the registry in the text format to <paramref name="path"/> atomically (for node_exporter's textfile collector).</summary>
    public async Task WriteTextFileAsync(string path, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream, cancellationToken);
        await AtomicFile.WriteAllTextAsync(path, System.Text.Encoding.UTF8.GetString(stream.ToArray()), cancellationToken);
    }

    /// <summary>Counts a switch of the links.</summary>
    public void CountSwitch(string service, string? from, string to) =>
        _switches.WithLabels(service, from ?? "none", to).Inc();
}
