using System.Diagnostics;
using DumpDist.Core.IO;
using DumpDist.Core.Tree;
using DumpDist.Mirrors.Freshness;
using DumpDist.Mirrors.Rsyncd;

namespace DumpDist.Mirrors.Modules;

/// <summary>
/// Regenerates the module filter files (under <c>&lt;state_dir&gt;/rsyncd/</c>) and the published
/// <c>rsync-dirlist-last-N-good.txt</c> files (at the web root) from a scan of the tree. Each file
/// is replaced atomically and only when its content changed, so a connection reads either the
/// old list or the new one.
/// </summary>
internal static class IncludeListWriter
{
    /// <summary>Scans <paramref name="root"/> and writes the lists of every entry of <paramref name="keepRuns"/>.</summary>
    /// <remarks>
    /// The trace file (<see cref="MirrorTrace"/>) is rewritten, with <paramref name="now"/> as its
    /// time, only when the newest good runs changed, so a mirror that has them stays fresh.
    /// </remarks>
    public static async Task<IncludeListResult> WriteAsync(string root, RsyncdPaths paths, IReadOnlyList<int> keepRuns, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var good = GoodRuns.Of(DumpTree.Scan(root));
        var written = 0;
        var publicDirectory = ServedTree.EnsureForHost(root);
        written += await WriteIfChangedAsync(paths.RulesFile("common"), IncludeLists.CommonRules(), cancellationToken) ? 1 : 0;
        foreach (var runs in keepRuns)
        {
            var last = GoodRuns.Last(good, runs);
            written += await WriteIfChangedAsync(paths.RulesFile(MirrorModules.LastGood(runs)), IncludeLists.LastGoodRules(last), cancellationToken) ? 1 : 0;
            written += await WriteIfChangedAsync(Path.Combine(publicDirectory, MirrorModules.DirlistFileName(runs)), IncludeLists.Dirlist(last), cancellationToken) ? 1 : 0;
        }

        var newest = IncludeLists.Dirlist(GoodRuns.Last(good, 1));
        var tracePath = Path.Combine(publicDirectory, MirrorTrace.FileName);
        var trace = MirrorTrace.Of(newest, now);
        if (MirrorTrace.TryParse(await AtomicFile.TryReadAllTextAsync(tracePath, cancellationToken))?.Digest != trace.Digest)
        {
            await AtomicFile.WriteAllTextAsync(tracePath, trace.Render(), cancellationToken);
            written++;
        }

        return new IncludeListResult(written, good.Count, clock.Elapsed);
    }

    private static async Task<bool> WriteIfChangedAsync(string path, string content, CancellationToken cancellationToken)
    {
        if (string.Equals(await AtomicFile.TryReadAllTextAsync(path, cancellationToken), content, StringComparison.Ordinal))
        {
            return false;
        }

        await AtomicFile.WriteAllTextAsync(path, content, cancellationToken);
        return true;
    }
}
