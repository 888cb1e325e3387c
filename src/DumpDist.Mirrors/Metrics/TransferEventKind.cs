namespace DumpDist.Mirrors.Metrics;

/// <summary>The rsyncd log facts the per-mirror metrics count.</summary>
internal enum TransferEventKind
{
    /// <summary>A file was sent ("xfer send" transfer log line).</summary>
    FileSent,

    /// <summary>A session ended normally ("sent N bytes received M bytes").</summary>
    PullCompleted,

    /// <summary>A module was refused (not in hosts allow, unknown module, max connections).</summary>
    Refused,

    /// <summary>A session ended with an rsync error.</summary>
    Error,
}
