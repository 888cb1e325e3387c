using DumpDist.Core.Configuration;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;

namespace DumpDist.Web.Hosting;

/// <summary>Everything the download service needs to start; built from the CLI flags or the cluster file.</summary>
internal sealed class WebServerOptions
{
    /// <summary>
    /// The tree root. When it holds a <c>public/</c> directory (the dump tree layout), that is
    /// what is served at "/" and the API reads the whole tree; otherwise the directory itself is served.
    /// </summary>
    public required string Root { get; set; }

    /// <summary>The directory served at "/".</summary>
    public string ServedRoot => DumpDist.Core.Tree.ServedTree.PathOf(Root);

    /// <summary>Plain HTTP listeners (http://ADDRESS:PORT, port 0 picks a free port).</summary>
    public List<string> Listen { get; } = [];

    /// <summary>HTTPS listeners; need <see cref="CertificatePath"/> and <see cref="CertificateKeyPath"/>.</summary>
    public List<string> HttpsListen { get; } = [];

    public string? CertificatePath { get; set; }

    public string? CertificateKeyPath { get; set; }

    public PlainHttpPolicy PlainHttp { get; set; } = PlainHttpPolicy.Serve;

    /// <summary>Admin listener (health, drain, /metrics); never the public port.</summary>
    public string? AdminListen { get; set; }

    /// <summary>Access log file in nginx combined format; null for none, "-" for standard output.</summary>
    public string? AccessLogPath { get; set; }

    public QosSettings Qos { get; set; } = new();

    /// <summary>Use sendfile(2) for cleartext HTTP/1.x bodies of at least <see cref="ZeroCopyThreshold"/> bytes.</summary>
    public bool ZeroCopy { get; set; } = true;

    public long ZeroCopyThreshold { get; set; } = 256 * 1024;

    /// <summary>When a zero-copy download's socket may get a send buffer beyond autotuning's (tests swap the sysctls).</summary>
    internal SendBufferPolicy SendBuffers { get; set; } = SendBufferPolicy.FromSystem();

    /// <summary>How long a resolved path's metadata is trusted before it is looked up again.</summary>
    public TimeSpan MetadataTtl { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ListingMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bind listeners with SO_REUSEPORT, so a node can bring up new listeners on the same
    /// addresses before the old ones close (a config reload); the one-off command keeps the
    /// strict "address in use" failure.
    /// </summary>
    public bool ReusePort { get; set; }

    /// <summary>How long a stop waits for in-flight downloads (<c>services.web.stop_timeout</c>).</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After a drain without its own deadline, downloads still running this long are cut off (<c>services.web.drain_deadline</c>); null: never.</summary>
    public TimeSpan? DrainDeadline { get; set; }

    /// <summary>
    /// The site's public base URL (ends in <c>/</c>): the only source of absolute URLs in answers.
    /// Null: answers carry relative URLs. The client's Host header is never used for a URL.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>File names served for a directory in place of the generated listing when one exists there (first match wins); empty: always the listing.</summary>
    public IReadOnlyList<string> IndexFiles { get; set; } = ["index.html"];

    /// <summary>Checks the options; returns the problems, each naming the field.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!Directory.Exists(Root))
        {
            problems.Add($"root: directory {Root} does not exist");
        }

        if (Listen.Count == 0 && HttpsListen.Count == 0)
        {
            problems.Add("listen: at least one listen address is required");
        }

        foreach (var url in Listen)
        {
            if (!ListenAddress.TryParse(url, out _, out var error))
            {
                problems.Add($"listen: {error}");
            }
        }

        foreach (var url in HttpsListen)
        {
            if (!ListenAddress.TryParse(url, out _, out var error))
            {
                problems.Add($"https_listen: {error}");
            }
        }

        if (AdminListen is not null && !ListenAddress.TryParse(AdminListen, out _, out var adminError))
        {
            problems.Add($"admin_listen: {adminError}");
        }

        if (HttpsListen.Count > 0)
        {
            if (CertificatePath is null || !File.Exists(CertificatePath))
            {
                problems.Add($"certificate: file {CertificatePath ?? "(not set)"} does not exist");
            }

            if (CertificateKeyPath is null || !File.Exists(CertificateKeyPath))
            {
                problems.Add($"certificate_key: file {CertificateKeyPath ?? "(not set)"} does not exist");
            }
        }

        if (PublicUrl is not null && (!PublicUrl.IsAbsoluteUri || PublicUrl.Scheme is not ("http" or "https") || PublicUrl.Query.Length > 0 || PublicUrl.Fragment.Length > 0 || PublicUrl.UserInfo.Length > 0))
        {
            problems.Add($"public_url: '{PublicUrl}' must be http(s)://host[:port][/path] with no user, query or fragment");
        }

        foreach (var name in IndexFiles)
        {
            if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.StartsWith('.'))
            {
                problems.Add($"index_files: '{name}' is not a plain file name");
            }
        }

        if (Qos.ConnLimit < 0 || Qos.Rate < 0 || Qos.RateAfter < 0 || Qos.IpRate < 0 || Qos.GlobalRate < 0)
        {
            problems.Add("qos: limits must be 0 (unlimited) or positive");
        }

        return problems;
    }
}
