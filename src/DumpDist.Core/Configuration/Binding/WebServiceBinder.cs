using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>services.web</c> and checks that HTTPS settings come together.</summary>
internal static class WebServiceBinder
{
    public static readonly string[] Keys =
        ["active", "listen", "https_listen", "certificate", "certificate_key", "plain_http", "drain_deadline", "stop_timeout", "public_url", "index_files"];

    private static readonly ScalarParser<PlainHttpPolicy> Policies =
        Scalars.Enum(("serve", PlainHttpPolicy.Serve), ("redirect", PlainHttpPolicy.Redirect), ("forbid", PlainHttpPolicy.Forbid));

    public static WebServiceConfig Bind(MappingReader map)
    {
        var defaults = new WebServiceConfig { Active = string.Empty };
        var https = map.ParseObject<Uri>("https_listen", Scalars.Url("https"));
        var certificate = map.ParseObject<string>("certificate", Scalars.AbsolutePath);
        var key = map.ParseObject<string>("certificate_key", Scalars.AbsolutePath);
        var plain = map.Parse("plain_http", Policies);
        var drainDeadline = map.Parse<TimeSpan>("drain_deadline", Scalars.Duration);
        var publicUrl = map.ParseObject<Uri>("public_url", Scalars.Url("http", "https"));
        var reader = map.Reader;
        if (publicUrl is not null && (publicUrl.Query.Length > 0 || publicUrl.Fragment.Length > 0 || publicUrl.UserInfo.Length > 0))
        {
            reader.Error(reader.Positions.Of(map.PathOf("public_url")), map.PathOf("public_url"), "must be scheme://host[:port][/path] with no user, query or fragment");
        }

        var indexFiles = map.List<string>("index_files", IndexFileName);
        if (drainDeadline == TimeSpan.Zero)
        {
            // 0 would cut every download off the moment a drain starts, which is a stop, not a drain.
            reader.Error(reader.Positions.Of(map.PathOf("drain_deadline")), map.PathOf("drain_deadline"), "must be longer than 0s");
        }

        if (map.Has("https_listen"))
        {
            foreach (var needed in new[] { "certificate", "certificate_key" }.Where(k => !map.Has(k)))
            {
                reader.Error(reader.Positions.Of(map.PathOf("https_listen")), map.Path, $"https_listen needs '{needed}'");
            }
        }
        else
        {
            foreach (var extra in new[] { "certificate", "certificate_key" }.Where(map.Has))
            {
                reader.Error(reader.Positions.Of(map.PathOf(extra)), map.PathOf(extra), "is set but https_listen is not");
            }

            if (plain is PlainHttpPolicy.Redirect or PlainHttpPolicy.Forbid)
            {
                reader.Error(reader.Positions.Of(map.PathOf("plain_http")), map.PathOf("plain_http"), $"'{(plain == PlainHttpPolicy.Redirect ? "redirect" : "forbid")}' needs https_listen");
            }
        }

        return new WebServiceConfig
        {
            Active = ServicesBinder.Active(map),
            Listen = map.ParseObject<Uri>("listen", Scalars.Url("http")) ?? new Uri("http://0.0.0.0:80"),
            HttpsListen = https,
            Certificate = certificate,
            CertificateKey = key,
            PlainHttp = plain ?? (https is null ? PlainHttpPolicy.Serve : PlainHttpPolicy.Redirect),
            DrainDeadline = drainDeadline ?? defaults.DrainDeadline,
            StopTimeout = map.Parse<TimeSpan>("stop_timeout", Scalars.Duration) ?? defaults.StopTimeout,
            PublicUrl = publicUrl is null ? null : WithTrailingSlash(publicUrl),
            IndexFiles = indexFiles ?? defaults.IndexFiles,
        };
    }

    // A base URL without the trailing slash would lose its last path segment in new Uri(base, relative).
    private static Uri WithTrailingSlash(Uri url) =>
        url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");

    private static string? IndexFileName(string text, out string value)
    {
        value = text;
        return text.Length == 0 || text.Contains('/', StringComparison.Ordinal) || text.Contains('\0', StringComparison.Ordinal) || text is "." or ".." || text.StartsWith('.')
            ? $"expected a plain file name such as index.html, got '{text}'"
            : null;
    }
}
