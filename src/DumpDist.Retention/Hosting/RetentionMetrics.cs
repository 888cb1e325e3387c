using DumpDist.Retention.Capacity;
using DumpDist.Retention.Reporting;
using Prometheus;

namespace DumpDist.Retention.Hosting;

/// <summary>
/// Prometheus metrics of retention (<c>dumpdist_retention_*</c>) and capacity (<c>dumpdist_capacity_*</c>).
/// Labels stay bounded: a pass outcome, an item kind, a capacity group (a wiki class or a dataset
/// directory under <c>other/</c>), never a wiki or a path.
/// </summary>
public sealed class RetentionMetrics
{
    private readonly Counter _passes;
    private readonly Counter _removed;
    private readonly Counter _bytesFreed;
    private readonly Gauge _lastPass;
    private readonly Gauge _lastSuccess;
    private readonly Gauge _lastBytesFreed;
    private readonly Gauge _held;
    private readonly Gauge _problems;
    private readonly Gauge _used;
    private readonly Gauge _steady;
    private readonly Gauge _growth;
    private readonly Gauge _volumeSize;
    private readonly Gauge _volumeAvailable;
    private readonly Gauge _volumeFull;
    private readonly Gauge _lastCapacity;
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    /// <summary>Registers the metrics in <paramref name="registry"/> (default: the global one).</summary>
    public RetentionMetrics(CollectorRegistry? registry = null)
    {
        var factory = Metrics.WithCustomRegistry(registry ?? Metrics.DefaultRegistry);
        string[] group = ["group"];
        _passes = factory.CreateCounter("dumpdist_retention_passes_total", "Cleanup passes by outcome (ok, problems, refused, error).", ["outcome"]);
        _removed = factory.CreateCounter("dumpdist_retention_removed_total", "Entries removed by kind (run, dated, file, leftover).", ["kind"]);
        _bytesFreed = factory.CreateCounter("dumpdist_retention_freed_bytes_total", "Bytes freed on disk by cleanup passes.");
        _lastPass = factory.CreateGauge("dumpdist_retention_last_pass_timestamp_seconds", "Unix time the last cleanup pass completed.");
        _lastSuccess = factory.CreateGauge("dumpdist_retention_last_success_timestamp_seconds", "Unix time the last cleanup pass without problems or refusals completed.");
        _lastBytesFreed = factory.CreateGauge("dumpdist_retention_last_pass_freed_bytes", "Bytes the last cleanup pass freed.");
        _held = factory.CreateGauge("dumpdist_retention_held", "Entries past their count or age kept by a guard (newest good run, latest/, in progress) at the last pass.");
        _problems = factory.CreateGauge("dumpdist_retention_problems", "Problems, refusals and failed removals of the last pass.");
        _used = factory.CreateGauge("dumpdist_capacity_used_bytes", "Bytes on disk per group (wikis/<class>, other/<dataset>, trash, public, outside public).", group);
        _steady = factory.CreateGauge("dumpdist_capacity_steady_state_bytes", "Bytes per group once retention holds a full count (+Inf: unbounded).", group);
        _growth = factory.CreateGauge("dumpdist_capacity_growth_bytes_per_second", "Modelled growth of the tree over the next year (bytes per second; x 86400 for a day).");
        _volumeSize = factory.CreateGauge("dumpdist_capacity_volume_size_bytes", "Size of the file system holding the tree.");
        _volumeAvailable = factory.CreateGauge("dumpdist_capacity_volume_available_bytes", "Bytes still available to dumpdist on that file system.");
        _volumeFull = factory.CreateGauge("dumpdist_capacity_volume_full_timestamp_seconds", "Unix time the volume fills at the modelled growth (+Inf: not within 10 years).");
        _lastCapacity = factory.CreateGauge("dumpdist_capacity_last_run_timestamp_seconds", "Unix time capacity was last measured.");
    }

    /// <summary>Records a finished cleanup pass.</summary>
    public void ObserveCleanup(CleanupReport report)
    {
        _passes.WithLabels(Outcome(report)).Inc();
        foreach (var removed in report.Items.Where(i => i.Outcome == CleanupOutcomes.Removed).GroupBy(i => i.Kind))
        {
            _removed.WithLabels(removed.Key).Inc(removed.Count());
        }

        _bytesFreed.Inc(report.BytesFreed);
        _lastBytesFreed.Set(report.BytesFreed);
        _held.Set(report.Held.Count);
        _problems.Set(report.Problems.Count + report.Refusals.Count + report.Items.Count(i => i.Outcome is CleanupOutcomes.Failed or CleanupOutcomes.InTrash));
        _lastPass.Set(report.Completed.ToUnixTimeMilliseconds() / 1000.0);
        if (report.Succeeded)
        {
            _lastSuccess.Set(report.Completed.ToUnixTimeMilliseconds() / 1000.0);
        }
    }

    /// <summary>Records a pass that could not run at all (no such host, not a dump tree, an I/O error).</summary>
    public void ObserveError() => _passes.WithLabels("error").Inc();

    /// <summary>Records a capacity measurement.</summary>
    internal void ObserveCapacity(CapacityReport report)
    {
        lock (_groups)
        {
            foreach (var gone in _groups.Where(g => report.Groups.All(r => r.Name != g)).ToList())
            {
                _used.RemoveLabelled(gone);
                _steady.RemoveLabelled(gone);
                _groups.Remove(gone);
            }

            foreach (var group in report.Groups)
            {
                _groups.Add(group.Name);
                _used.WithLabels(group.Name).Set(group.Bytes);
                _steady.WithLabels(group.Name).Set(group.SteadyStateBytes ?? double.PositiveInfinity);
            }
        }

        _growth.Set(report.GrowthBytesPerDay / 86400.0);
        if (report.Volume is { } volume)
        {
            _volumeSize.Set(volume.SizeBytes);
            _volumeAvailable.Set(volume.AvailableBytes);
        }

        _volumeFull.Set(report.VolumeFull is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() : double.PositiveInfinity);
        _lastCapacity.Set(report.Measured.ToUnixTimeMilliseconds() / 1000.0);
    }

    private static string Outcome(CleanupReport report) =>
        report.Refusals.Count > 0 ? "refused" : report.Succeeded ? "ok" : "problems";
}
