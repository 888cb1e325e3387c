namespace DumpDist.TestSupport.Cluster;

/// <summary>What curl got: the status (0 when no HTTP answer came), the body, the WWW-Authenticate header, and curl's exit code and stderr.</summary>
public sealed record HttpReply(int Status, string Body, string WwwAuthenticate, int CurlExitCode, string CurlError)
{
    /// <inheritdoc />
    public override string ToString() => $"HTTP {Status} (curl exit {CurlExitCode}{(CurlError.Length > 0 ? ": " + CurlError.Trim() : string.Empty)}): {Body.Trim()}";
}
