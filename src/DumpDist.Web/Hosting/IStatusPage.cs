namespace DumpDist.Web.Hosting;

/// <summary>The cluster status page a node adds to its public web (<c>/status</c> HTML, <c>/status.json</c>), without secrets.</summary>
internal interface IStatusPage
{
    const string HtmlPath = "/status";
    const string JsonPath = "/status.json";

    /// <summary>The page body, HTML or JSON.</summary>
    Task<byte[]> RenderAsync(bool json, CancellationToken cancellationToken);
}
