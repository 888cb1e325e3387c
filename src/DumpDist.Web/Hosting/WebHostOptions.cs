namespace DumpDist.Web.Hosting;

/// <summary>How a host runs its web service beyond what the cluster file says (process-local choices).</summary>
internal sealed class WebHostOptions
{
    /// <summary>This host's name in the cluster file.</summary>
    public required string HostName { get; init; }

    /// <summary>Access log file in nginx combined format; null for none.</summary>
    public string? AccessLogPath { get; init; }

    /// <summary>Use sendfile(2) for large bodies.</summary>
    public bool ZeroCopy { get; init; } = true;

    /// <summary>Bind with SO_REUSEPORT so a reload can bring new listeners up before old ones close (the node).</summary>
    public bool ReusePort { get; init; }

    /// <summary>Standalone admin listener (one-off `dumpdist web --admin-listen`); the node uses its admin API instead.</summary>
    public string? AdminListen { get; init; }

    /// <summary>Overrides <c>services.web.public_url</c> (the one-off <c>dumpdist web --public-url</c>).</summary>
    public Uri? PublicUrl { get; init; }
}
