using DumpDist.Sync.Publishing;
using Prometheus;

namespace DumpDist.Sync.Scheduling;

/// <summary>
/// Prometheus metrics of the sync engine: last success time, lag (seconds since the start of the
/// last good pass, computed at scrape time), bytes and files per pass, verification failures.
/// </summary>
public sealed class SyncMetrics
{
    private readonly TimeProvider _time;
    private readonly Dictionary<string, DateTimeOffset> _lastSuccessStart = new(StringComparer.Ordinal);
    private readonly Gauge _lastSuccess;
    private readonly Gauge _lag;
    private readonly Gauge _passBytes;
    private readonly Gauge _passFiles;
    private readonly Counter _bytes;
    private readonly Counter _passes;
    private readonly Counter _verifyFailures;

    /// <summary>Registers the metrics in <paramref name="registry"/> (default: the global one).</summary>
    public SyncMetrics(TimeProvider time, CollectorRegistry? registry = null)
    {
        _time = time;
        registry ??= Metrics.DefaultRegistry;
        var factory = Metrics.WithCustomRegistry(registry);
        string[] dataset = ["dataset"];
        _lastSuccess = factory.CreateGauge("dumpdist_sync_last_success_timestamp_seconds", "Unix time the last successful pass completed.", dataset);
        _lag = factory.CreateGauge("dumpdist_sync_lag_seconds", "Seconds since the start of the last successful pass (how stale the copy may be).", dataset);
        _passBytes = factory.CreateGauge("dumpdist_sync_pass_bytes", "Bytes transferred by the last pass.", dataset);
        _passFiles = factory.CreateGauge("dumpdist_sync_pass_files", "Files transferred by the last pass.", dataset);
        _bytes = factory.CreateCounter("dumpdist_sync_bytes_total", "Bytes transferred by all passes.", dataset);
        _passes = factory.CreateCounter("dumpdist_sync_passes_total", "Passes by outcome.", ["dataset", "outcome"]);
        _verifyFailures = factory.CreateCounter("dumpdist_sync_verify_failures_total", "Files that failed verification.", dataset);
        registry.AddBeforeCollectCallback(UpdateLag);
    }

    /// <summary>Records a finished pass.</summary>
    public void Observe(string dataset, SyncPassResult result)
    {
        _passes.WithLabels(dataset, result.Outcome.ToName()).Inc();
        _passBytes.WithLabels(dataset).Set(result.Bytes);
        _passFiles.WithLabels(dataset).Set(result.Files);
        _bytes.WithLabels(dataset).Inc(result.Bytes);
        _verifyFailures.WithLabels(dataset).Inc(result.Verification.Problems.Count);
        if (result.Succeeded)
        {
            _lastSuccess.WithLabels(dataset).Set(result.Completed.ToUnixTimeMilliseconds() / 1000.0);
            lock (_lastSuccessStart)
            {
                _lastSuccessStart[dataset] = result.Started;
            }
        }

        UpdateLag();
    }

    private void UpdateLag()
    {
        var now = _time.GetUtcNow();
        lock (_lastSuccessStart)
        {
            foreach (var (dataset, started) in _lastSuccessStart)
            {
                _lag.WithLabels(dataset).Set((now - started).TotalSeconds);
            }
        }
    }
}
