using DumpDist.Mirrors.Rsyncd;
using Prometheus;

namespace DumpDist.Mirrors.Metrics;

/// <summary>
/// Per-mirror pull metrics from rsyncd's log, labelled by registry name (or "unregistered"),
/// never by address, and the daemon's own state.
/// </summary>
internal sealed class MirrorMetrics
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, MirrorPull> _pulls = new(StringComparer.Ordinal);
    private readonly Gauge _lastPull;
    private readonly Counter _pullsTotal;
    private readonly Counter _bytes;
    private readonly Counter _files;
    private readonly Counter _errors;
    private readonly Counter _refused;
    private readonly Gauge _fresh;
    private readonly Gauge _lag;
    private readonly Gauge _lastFresh;
    private readonly Gauge _running;
    private readonly Counter _restarts;

    public MirrorMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _lastPull = factory.CreateGauge("dumpdist_mirror_last_pull_timestamp_seconds", "Unix time the mirror's last rsync session ended normally.", "mirror");
        _pullsTotal = factory.CreateCounter("dumpdist_mirror_pulls_total", "rsync sessions of the mirror that ended normally.", "mirror");
        _bytes = factory.CreateCounter("dumpdist_mirror_sent_bytes_total", "Bytes the rsync daemon sent the mirror.", "mirror");
        _files = factory.CreateCounter("dumpdist_mirror_files_total", "Files the rsync daemon sent the mirror.", "mirror");
        _errors = factory.CreateCounter("dumpdist_mirror_errors_total", "rsync sessions of the mirror that ended with an error.", "mirror");
        _refused = factory.CreateCounter("dumpdist_mirror_refused_total", "Connections of the mirror the daemon refused (not allowed, unknown module, max connections).", "mirror");
        _fresh = factory.CreateGauge("dumpdist_mirror_fresh", "1 when the last check found the mirror's trace equal to ours.", "mirror");
        _lag = factory.CreateGauge("dumpdist_mirror_lag_seconds", "How far the mirror's trace is behind ours (0 when fresh; absent when it could not be read).", "mirror");
        _lastFresh = factory.CreateGauge("dumpdist_mirror_last_seen_fresh_timestamp_seconds", "Unix time a check last found the mirror fresh.", "mirror");
        _running = factory.CreateGauge("dumpdist_rsyncd_running", "1 while the supervised rsync daemon runs and accepts connections.");
        _restarts = factory.CreateCounter("dumpdist_rsyncd_restarts_total", "Times the rsync daemon was restarted after it died.");
    }

    /// <summary>Every mirror seen so far, by name.</summary>
    public IReadOnlyDictionary<string, MirrorPull> Pulls
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, MirrorPull>(_pulls, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Counts one log event for <paramref name="mirror"/>.</summary>
    public void Record(string mirror, TransferEvent e)
    {
        lock (_gate)
        {
            var pull = _pulls.GetValueOrDefault(mirror) ?? new MirrorPull(null, 0, 0, 0, 0, 0);
            _pulls[mirror] = e.Kind switch
            {
                TransferEventKind.FileSent => pull with { Files = pull.Files + 1 },
                TransferEventKind.PullCompleted => pull with { LastPull = e.At, Pulls = pull.Pulls + 1, BytesSent = pull.BytesSent + e.Bytes },
                TransferEventKind.Refused => pull with { Refused = pull.Refused + 1 },
                _ => pull with { Errors = pull.Errors + 1 },
            };
        }

        switch (e.Kind)
        {
            case TransferEventKind.FileSent:
                _files.WithLabels(mirror).Inc();
                break;
            case TransferEventKind.PullCompleted:
                _pullsTotal.WithLabels(mirror).Inc();
                _bytes.WithLabels(mirror).Inc(e.Bytes);
                _lastPull.WithLabels(mirror).Set(e.At.ToUnixTimeSeconds());
                break;
            case TransferEventKind.Refused:
                _refused.WithLabels(mirror).Inc();
                break;
            default:
                _errors.WithLabels(mirror).Inc();
                break;
        }
    }

    /// <summary>Publishes a freshness check.</summary>
    public void SetFreshness(Freshness.MirrorCheckResult result, DateTimeOffset? lastSeenFresh)
    {
        _fresh.WithLabels(result.Name).Set(result.Status == Freshness.MirrorCheckStatus.Fresh ? 1 : 0);
        if (result.Status == Freshness.MirrorCheckStatus.Fresh)
        {
            _lag.WithLabels(result.Name).Set(0);
        }
        else if (result.Lag is { } lag)
        {
            _lag.WithLabels(result.Name).Set(lag.TotalSeconds);
        }
        else
        {
            _lag.RemoveLabelled(result.Name);
        }

        if (lastSeenFresh is { } at)
        {
            _lastFresh.WithLabels(result.Name).Set(at.ToUnixTimeSeconds());
        }
    }

    /// <summary>Publishes the daemon's state.</summary>
    public void SetDaemon(RsyncdStatus status)
    {
        _running.Set(status.Healthy ? 1 : 0);
        _restarts.IncTo(status.Restarts);
    }
}
