namespace DumpDist.Core.Configuration;

/// <summary>The HTTP download service (<c>services.web</c>).</summary>
public sealed record WebServiceConfig : ServiceConfig
{
    /// <inheritdoc />
    public override ServiceKind Kind => ServiceKind.Web;

    /// <summary>Plain HTTP listen URL (<c>listen</c>, default <c>http://0.0.0.0:80</c>); see <see cref="HostConfig.Bind"/>.</summary>
    public Uri Listen { get; init; } = new("http://0.0.0.0:80");

    /// <summary>HTTPS listen URL (<c>https_listen</c>, optional); needs <see cref="Certificate"/> and <see cref="CertificateKey"/>.</summary>
    public Uri? HttpsListen { get; init; }

    /// <summary>PEM certificate (chain) file (<c>certificate</c>).</summary>
    public string? Certificate { get; init; }

    /// <summary>PEM private key file (<c>certificate_key</c>).</summary>
    public string? CertificateKey { get; init; }

    /// <summary>What plain HTTP does (<c>plain_http</c>): default <c>redirect</c> when HTTPS is configured, else <c>serve</c>.</summary>
    public PlainHttpPolicy PlainHttp { get; init; } = PlainHttpPolicy.Serve;

    /// <summary>After <c>dumpdist drain</c>, downloads still running this long are cut off (<c>drain_deadline</c>, default 10 minutes).</summary>
    public TimeSpan DrainDeadline { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>On SIGTERM, how long downloads in flight may go on before the server stops (<c>stop_timeout</c>, default 30 s).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The site's public base URL (<c>public_url</c>, e.g. <c>https://dumps.example.org/</c>, always ending in <c>/</c>):
    /// the only source of absolute URLs in answers (feeds, Metalink and torrent origins, the plain-HTTP redirect).
    /// Null: answers use relative URLs, and the client's Host header is never used.
    /// </summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>File names served for a directory when one exists there (<c>index_files</c>, default <c>[index.html]</c>; <c>[]</c> turns it off).</summary>
    public IReadOnlyList<string> IndexFiles { get; init; } = ["index.html"];
}
