namespace DumpDist.Sync.Transport;

/// <summary>Network limits for every rsync run of a pass (production: 80000 KiB/s, 600 s, 600 s).</summary>
public sealed record RsyncTransferOptions
{
    /// <summary>rsync's --bwlimit value (e.g. "80000" KiB/s or "10m"); null for none.</summary>
    public string? BandwidthLimit { get; init; }

    /// <summary>--contimeout in seconds for daemon sources; 0 for none.</summary>
    public int ConnectTimeoutSeconds { get; init; } = 600;

    /// <summary>
    /// I/O timeout in seconds (0 for none): rsync is stopped when it has moved no data for this
    /// long. Watched by <see cref="RsyncRunner"/>, not passed as --timeout (see there why).
    /// </summary>
    public int IoTimeoutSeconds { get; init; } = 600;

    /// <summary><see cref="IoTimeoutSeconds"/> as the runner takes it.</summary>
    public TimeSpan IoTimeout => TimeSpan.FromSeconds(Math.Max(0, IoTimeoutSeconds));

    /// <summary>The rsync executable.</summary>
    public string RsyncPath { get; init; } = "rsync";

    /// <summary>Appends the network arguments for <paramref name="source"/>.</summary>
    /// <remarks>
    /// Daemon sources get TCP_NODELAY on our end of the socket: the protocol's small handshake and
    /// goodbye messages otherwise wait out Nagle against delayed ACKs, about 40 ms each time (a
    /// one-directory listing: 0.11 s, with it 0.06 s; a 20,000-file copy: 0.65 s, with it 0.62 s).
    /// Bulk data goes in large writes either way.
    /// </remarks>
    public void AppendArguments(List<string> arguments, RsyncEndpoint source)
    {
        if (source.IsDaemon)
        {
            arguments.Add("--sockopts=TCP_NODELAY");
        }

        if (!string.IsNullOrEmpty(BandwidthLimit))
        {
            arguments.Add("--bwlimit=" + BandwidthLimit);
        }

        if (source.IsDaemon && ConnectTimeoutSeconds > 0)
        {
            arguments.Add($"--contimeout={ConnectTimeoutSeconds}");
        }
    }
}
