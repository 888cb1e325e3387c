namespace DumpDist.Mirrors.Freshness;

/// <summary>The HTTP client of the freshness checks.</summary>
internal static class MirrorHttp
{
    /// <summary>A client that follows redirects (mirrors move to HTTPS), connects within <paramref name="timeout"/>, and names itself.</summary>
    public static HttpClient Create(TimeSpan timeout)
    {
        var client = new HttpClient(new SocketsHttpHandler { ConnectTimeout = timeout, AllowAutoRedirect = true, MaxAutomaticRedirections = 5 })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("dumpdist-mirror-check/" + Core.CoreAssembly.Version);
        return client;
    }
}
