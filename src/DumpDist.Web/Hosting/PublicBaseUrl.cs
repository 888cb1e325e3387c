namespace DumpDist.Web.Hosting;

/// <summary>
/// URLs in answers: absolute from the configured public base URL (<c>services.web.public_url</c>,
/// <c>dumpdist web --public-url</c>), or site-relative when none is configured. Never from the
/// client's Host header, which a client or a cache in between controls.
/// </summary>
internal static class PublicBaseUrl
{
    /// <summary>Parses a flag value; the result always ends in <c>/</c>.</summary>
    public static bool TryParse(string text, out Uri? url, out string? error)
    {
        url = null;
        error = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || parsed.Host.Length == 0)
        {
            error = $"--public-url: expected a URL starting with http:// or https://, got '{text}'";
            return false;
        }

        if (parsed.Query.Length > 0 || parsed.Fragment.Length > 0 || parsed.UserInfo.Length > 0)
        {
            error = $"--public-url: '{text}' must be scheme://host[:port][/path] with no user, query or fragment";
            return false;
        }

        url = parsed.AbsolutePath.EndsWith('/') ? parsed : new Uri(parsed.GetLeftPart(UriPartial.Path) + "/");
        return true;
    }

    /// <summary>
    /// The URL of a site path (<c>/enwiki/20261101/</c>, already escaped): absolute under
    /// <paramref name="publicUrl"/>, or the path itself when there is none.
    /// </summary>
    public static string For(Uri? publicUrl, string sitePath) =>
        publicUrl is null ? sitePath : new Uri(publicUrl, sitePath.TrimStart('/')).AbsoluteUri;
}
