namespace DumpDist.Web.Serving;

/// <summary>A response body made on request (a Metalink, a torrent).</summary>
internal sealed record GeneratedDocument(byte[] Body, string ContentType);
