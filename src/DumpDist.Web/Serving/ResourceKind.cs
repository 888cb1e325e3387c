namespace DumpDist.Web.Serving;

/// <summary>What a request path resolved to.</summary>
internal enum ResourceKind
{
    NotFound,
    File,
    Directory,
}
