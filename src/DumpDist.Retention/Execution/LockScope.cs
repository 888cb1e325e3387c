namespace DumpDist.Retention.Execution;

/// <summary>A dataset's sync lock and the directory it guards: a cleanup under that directory takes this lock.</summary>
/// <param name="Dataset">The dataset name (the lock file is <c>sync-&lt;dataset&gt;.lock</c> in the state directory).</param>
/// <param name="Directory">The dataset's absolute directory.</param>
internal sealed record LockScope(string Dataset, string Directory)
{
    /// <summary>The scope guarding <paramref name="path"/>: the one with the longest directory holding it, or null.</summary>
    public static LockScope? For(IReadOnlyList<LockScope> scopes, string path) =>
        scopes.Where(s => path == s.Directory || path.StartsWith(s.Directory.TrimEnd('/') + "/", StringComparison.Ordinal))
            .MaxBy(s => s.Directory.Length);
}
