namespace DumpDist.Nfs.Probe;

/// <summary>The outcome of one NFS probe: up with the round-trip latency, or down with the reason.</summary>
public sealed record ProbeResult(NfsEndpoint Endpoint, bool IsUp, TimeSpan Latency, string Detail)
{
    /// <summary>A server that answered the NULL call with SUCCESS.</summary>
    public static ProbeResult Up(NfsEndpoint endpoint, TimeSpan latency) => new(endpoint, true, latency, "NFSv4 NULL call accepted");

    /// <summary>A server that could not be reached or answered wrongly.</summary>
    public static ProbeResult Down(NfsEndpoint endpoint, TimeSpan elapsed, string reason) => new(endpoint, false, elapsed, reason);
}
