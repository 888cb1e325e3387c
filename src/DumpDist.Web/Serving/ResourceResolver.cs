using System.Collections.Concurrent;
using DumpDist.Core.IO;
using DumpDist.Web.Confinement;

namespace DumpDist.Web.Serving;

/// <summary>
/// Maps a validated relative path to a <see cref="Resource"/>, following symlinks with realpath(3)
/// and refusing anything that resolves outside the root or onto an unpublished name. Results are
/// cached for a short time (one second by default) so hot files cost no system calls.
/// </summary>
internal sealed class ResourceResolver
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly long _ttlTicks;

    public ResourceResolver(string root, TimeProvider time, TimeSpan ttl, SmallFileBudget? budget = null)
    {
        Budget = budget ?? new SmallFileBudget(64L * 1024 * 1024, 16 * 1024);
        var full = Path.GetFullPath(root);
        RootReal = RealPath.Of(full) ?? throw new DirectoryNotFoundException($"root directory {full} does not exist");
        _time = time;
        _ttlTicks = (long)(ttl.TotalSeconds * time.TimestampFrequency);
    }

    public SmallFileBudget Budget { get; }

    /// <summary>The root with symlinks resolved.</summary>
    public string RootReal { get; }

    public Resource Resolve(string relativePath)
    {
        var now = _time.GetTimestamp();
        if (_cache.TryGetValue(relativePath, out var entry) && now - entry.CreatedAt < _ttlTicks)
        {
            return entry.Resource;
        }

        var resource = ResolveUncached(relativePath);
        if (_cache.Count >= MaxEntries)
        {
            foreach (var old in _cache.Values)
            {
                old.Resource.DropContent(Budget);
            }

            _cache.Clear();
        }

        entry.Resource?.DropContent(Budget);
        _cache[relativePath] = new CacheEntry(resource, now);
        return resource;
    }

    /// <summary>Drops a cached entry (the file on disk turned out to differ from it).</summary>
    public void Invalidate(string relativePath)
    {
        if (_cache.TryRemove(relativePath, out var old))
        {
            old.Resource.DropContent(Budget);
        }
    }

    private Resource ResolveUncached(string relativePath)
    {
        var candidate = relativePath.Length == 0 ? RootReal : RootReal + "/" + relativePath;
        var real = RealPath.Of(candidate);
        if (real is null)
        {
            return Resource.Missing;
        }

        string realRelative;
        if (real.Length == RootReal.Length && real == RootReal)
        {
            realRelative = string.Empty;
        }
        else if (real.Length > RootReal.Length && real[RootReal.Length] == '/' && real.StartsWith(RootReal, StringComparison.Ordinal))
        {
            realRelative = real.Substring(RootReal.Length + 1);
        }
        else
        {
            // A symlink pointing outside the tree: as if it did not exist.
            return Resource.Missing;
        }

        if (PublishFilter.IsExcludedPath(realRelative))
        {
            return Resource.Missing;
        }

        try
        {
            var info = new FileInfo(real);
            if (info.Exists)
            {
                var modified = new DateTimeOffset(info.LastWriteTimeUtc.Ticks - (info.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                return new Resource(ResourceKind.File, relativePath, real, info.Length, modified, info.LastWriteTimeUtc.Ticks);
            }

            var dir = new DirectoryInfo(real);
            if (dir.Exists)
            {
                var modified = new DateTimeOffset(dir.LastWriteTimeUtc.Ticks - (dir.LastWriteTimeUtc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                return new Resource(ResourceKind.Directory, relativePath, real, 0, modified, dir.LastWriteTimeUtc.Ticks);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return Resource.Missing;
    }

    private readonly record struct CacheEntry(Resource Resource, long CreatedAt);
}
