namespace DumpDist.Web.Serving;

/// <summary>The default <see cref="IDigestLookup"/>: nothing verified, nothing failed.</summary>
internal sealed class NoDigests : IDigestLookup
{
    public static NoDigests Instance { get; } = new();

    public DigestInfo? Find(string relativePath, long length, DateTimeOffset lastModified) => null;
}
