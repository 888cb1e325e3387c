namespace DumpDist.Node.LoadBalancing;

/// <summary>What <see cref="HaproxyConfigRenderer"/> needs besides the cluster file: the frontends' binds and the TLS of the checks.</summary>
internal sealed record HaproxyRenderOptions
{
    /// <summary>The default plain HTTP bind, every IPv4 address on port 80.</summary>
    public static readonly HaproxyBind DefaultWebBind = new(null, 80);

    /// <summary>The default HTTPS (TLS passthrough) bind, every IPv4 address on port 443.</summary>
    public static readonly HaproxyBind DefaultHttpsBind = new(null, 443);

    /// <summary>The default rsync bind, every IPv4 address on port 873.</summary>
    public static readonly HaproxyBind DefaultRsyncBind = new(null, 873);

    /// <summary>Names the cluster file in the generated header comment (no timestamps, so output is reproducible).</summary>
    public string SourceName { get; init; } = "cluster.yaml";

    /// <summary>The <c>web</c> frontend's bind, or null for <see cref="DefaultWebBind"/>.</summary>
    public HaproxyBind? WebBind { get; init; }

    /// <summary>The <c>web-https</c> frontend's bind, or null for <see cref="DefaultHttpsBind"/>; given without <c>https_listen</c> it is an error.</summary>
    public HaproxyBind? HttpsBind { get; init; }

    /// <summary>The <c>rsync</c> frontend's bind, or null for <see cref="DefaultRsyncBind"/>.</summary>
    public HaproxyBind? RsyncBind { get; init; }

    /// <summary>
    /// The operator asked for a PROXY v2 header on rsync connections (<c>--rsync-send-proxy</c>). The
    /// header is sent when the cluster file's <c>services.rsync.proxy_protocol</c> is true, which is also
    /// what makes the nodes render <c>proxy protocol = yes</c>; asking for it without the key is an error,
    /// as the daemons would refuse every connection that starts with a header they do not expect.
    /// </summary>
    public bool RsyncSendProxy { get; init; }

    /// <summary>
    /// True when the nodes' admin listeners serve TLS (the cluster file's admin certificate): the
    /// health checks then use TLS too, verified against <see cref="AdminCaFile"/>.
    /// </summary>
    public bool AdminUsesTls { get; init; }

    /// <summary>PEM CA bundle that signs the admin listeners' certificates; required with <see cref="AdminUsesTls"/>.</summary>
    public string? AdminCaFile { get; init; }
}
