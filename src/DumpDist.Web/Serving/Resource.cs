using System.Globalization;

namespace DumpDist.Web.Serving;

/// <summary>
/// A resolved request path with the header values that serving it needs, built once and cached
/// (the formatting is measurable at tens of thousands of requests per second).
/// </summary>
internal sealed class Resource
{
    public static readonly Resource Missing = new(ResourceKind.NotFound, string.Empty, string.Empty, 0, default);

    public Resource(ResourceKind kind, string relativePath, string physicalPath, long length, DateTimeOffset lastModified, long modifiedTicks = 0)
    {
        ModifiedTicks = modifiedTicks;
        Kind = kind;
        RelativePath = relativePath;
        PhysicalPath = physicalPath;
        Length = length;
        LastModified = lastModified;
        if (kind == ResourceKind.File)
        {
            // nginx's format, so caches and mirrors see the same validators from either server.
            ETag = string.Create(CultureInfo.InvariantCulture, $"\"{lastModified.ToUnixTimeSeconds():x}-{length:x}\"");
            LastModifiedHeader = lastModified.ToString("R", CultureInfo.InvariantCulture);
            ContentType = ContentTypes.For(relativePath);
            ContentLengthHeader = length.ToString(CultureInfo.InvariantCulture);
        }
    }

    public ResourceKind Kind { get; }

    /// <summary>Path below the served root, '/'-separated, without a leading slash.</summary>
    public string RelativePath { get; }

    /// <summary>The real (symlink-free) path on disk.</summary>
    public string PhysicalPath { get; }

    public long Length { get; }

    /// <summary>Modification time truncated to whole seconds (what HTTP dates can express).</summary>
    public DateTimeOffset LastModified { get; }

    /// <summary>The exact modification time in ticks (listing caches key on it).</summary>
    public long ModifiedTicks { get; }

    public string ETag { get; } = string.Empty;

    public string LastModifiedHeader { get; } = string.Empty;

    public string ContentType { get; } = "application/octet-stream";

    public string ContentLengthHeader { get; } = "0";

    private byte[]? _content;

    /// <summary>
    /// The file's bytes for small files, read once per resolution (so at most a metadata TTL
    /// old, and always consistent with this object's length and ETag); null when too big, over
    /// the budget, or the file changed since it was resolved.
    /// </summary>
    public byte[]? TryGetContent(SmallFileBudget budget)
    {
        var content = Volatile.Read(ref _content);
        if (content is not null || Kind != ResourceKind.File || Length > budget.MaxFileBytes)
        {
            return content;
        }

        if (!budget.TryReserve(Length))
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(PhysicalPath);
            if (bytes.Length == Length && Interlocked.CompareExchange(ref _content, bytes, null) is null)
            {
                return bytes;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        budget.Release(Length);
        return Volatile.Read(ref _content);
    }

    /// <summary>Gives the cached bytes back to the budget (the resolver replaced this entry).</summary>
    public void DropContent(SmallFileBudget budget)
    {
        if (Interlocked.Exchange(ref _content, null) is { } dropped)
        {
            budget.Release(dropped.Length);
        }
    }
}
