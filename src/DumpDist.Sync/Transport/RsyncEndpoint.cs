namespace DumpDist.Sync.Transport;

/// <summary>A source rsync can read: an `rsync://host[:port]/module/path` URL or a local directory.</summary>
public sealed record RsyncEndpoint
{
    private RsyncEndpoint(string value, bool isDaemon, string root)
    {
        Value = value;
        IsDaemon = isDaemon;
        Root = root;
        SubPath = value[root.Length..];
    }

    /// <summary>The source as rsync takes it, always ending in `/` so the contents are copied.</summary>
    public string Value { get; }

    /// <summary>True for an rsync daemon URL (connect timeouts apply).</summary>
    public bool IsDaemon { get; }

    /// <summary>The module root of a daemon URL (`rsync://host[:port]/module/`); the directory itself otherwise.</summary>
    public string Root { get; }

    /// <summary>The part of <see cref="Value"/> below <see cref="Root"/> ("" or ending in `/`).</summary>
    public string SubPath { get; }

    /// <summary>
    /// A `--files-from` entry for <paramref name="relativePath"/>, relative to <see cref="Root"/>
    /// with rsync's `/./` marker so it lands at <paramref name="relativePath"/> under the destination.
    /// (rsync 3.5 daemons with `use chroot = no` cannot find files-from entries under a module sub-path.)
    /// </summary>
    public string FilesFromEntry(string relativePath) => SubPath.Length == 0 ? relativePath : SubPath + "./" + relativePath;

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

            var value = WithSlash(source);
            var module = uri.AbsolutePath.TrimStart('/').Split('/')[0];
            var rootEnd = value.IndexOf("/" + module, "rsync://".Length, StringComparison.Ordinal) + module.Length + 2;
            return new RsyncEndpoint(value, isDaemon: true, value[..rootEnd]);
        }

        if (source.Contains("::", StringComparison.Ordinal) || source.Contains(':', StringComparison.Ordinal) && !Path.IsPathRooted(source))
        {
            error = $"'{source}' is not supported: use rsync://host/module/ or a local directory (remote shells are not used)";
            return null;
        }

        var full = WithSlash(Path.GetFullPath(source));
        return new RsyncEndpoint(full, isDaemon: false, full);
    }

    /// <summary>The endpoint for a sub-path (a dataset's directory) of this one.</summary>
    public RsyncEndpoint Combine(string relativePath)
    {
        var trimmed = relativePath.Trim('/');
        return trimmed.Length == 0 ? this : new RsyncEndpoint(WithSlash(Value + trimmed), IsDaemon, IsDaemon ? Root : WithSlash(Value + trimmed));
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static string WithSlash(string value) => value.EndsWith('/') ? value : value + "/";
}
