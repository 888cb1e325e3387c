using DumpDist.Sync.Transport;

namespace DumpDist.Retention.Compare;

/// <summary>One side of <c>dumpdist compare</c>: a local directory, or an rsync daemon URL listed with rsync itself.</summary>
internal sealed record ComparedSide(string Argument, string? Directory, RsyncEndpoint? Daemon)
{
    public bool IsRemote => Daemon is not null;

    /// <summary>Parses <paramref name="argument"/>; null and an error naming it when it is neither a directory nor an rsync URL.</summary>
    public static ComparedSide? Parse(string argument, out string? error)
    {
        if (argument.StartsWith("rsync://", StringComparison.OrdinalIgnoreCase))
        {
            var endpoint = RsyncEndpoint.TryParse(argument, out error);
            return endpoint is null ? null : new ComparedSide(argument, null, endpoint);
        }

        if (argument.Contains("::", StringComparison.Ordinal))
        {
            error = $"{argument}: use the rsync://host[:port]/module/path form";
            return null;
        }

        if (!System.IO.Directory.Exists(argument))
        {
            error = File.Exists(argument) ? $"{argument}: is a file, not a directory" : $"{argument}: no such directory";
            return null;
        }

        error = null;
        return new ComparedSide(argument, Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument)), null);
    }
}
