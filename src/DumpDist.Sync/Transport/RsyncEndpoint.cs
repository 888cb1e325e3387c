namespace DumpDist.Sync.Transport;

/// <summary>A source rsync can read: an `rsync://host[:port]/module/path` URL or a local directory.</summary>
public sealed record RsyncEndpoint
{
    private RsyncEndpoint(string value, bool isDaemon)
    {
        Value = value;
        IsDaemon = isDaemon;
    }

    /// <summary>The source as rsync takes it, always ending in `/` so the contents are copied.</summary>
    public string Value { get; }

    /// <summary>True for an rsync daemon URL (connect timeouts apply).</summary>
    public bool IsDaemon { get; }

    /// <summary>Parses a source; returns null and a reason when it is neither a daemon URL nor a directory.</summary>
    public static RsyncEndpoint? TryParse(string source, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(source))
        {
            error = "the source is empty";
            return null;
        }

        if (source.StartsWith("rsync://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(source, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath.Trim('/').Length == 0)
            {
                error = $"'{source}' is not an rsync URL of the form rsync://host[:port]/module/[path]";
                return null;
            }

            return new RsyncEndpoint(WithSlash(source), isDaemon: true);
        }

        if (source.Contains("::", StringComparison.Ordinal) || source.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(source))
        {
            error = $"'{source}' is not supported: use rsync://host/module/ or a local directory (remote shells are not used)";
            return null;
        }

        var full = Path.GetFullPath(source);
        return new RsyncEndpoint(WithSlash(full), isDaemon: false);
    }

    /// <summary>The endpoint for a sub-path (a dataset's directory) of this one.</summary>
    public RsyncEndpoint Combine(string relativePath)
    {
        var trimmed = relativePath.Trim('/');
        return trimmed.Length == 0 ? this : new RsyncEndpoint(WithSlash(Value + trimmed), IsDaemon);
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static string WithSlash(string value) => value.EndsWith('/') ? value : value + "/";
}
