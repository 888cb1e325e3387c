using DumpDist.Fixtures;

namespace DumpDist.Cli.Demo;

/// <summary>A data file of the generated tree that every host must serve byte for byte once it has synced.</summary>
/// <param name="WebPath">Its path under the web root (which is the tree's <c>public/</c>).</param>
/// <param name="SourcePath">The file in the generation source's tree.</param>
/// <param name="Size">Its size.</param>
internal sealed record DemoSample(string WebPath, string SourcePath, long Size)
{
    /// <summary>The biggest complete file of a finished run (of any run when none has finished).</summary>
    public static DemoSample From(FixtureManifest tree)
    {
        var (run, file) = tree.Runs
            .OrderBy(r => r.State == FixtureRunState.Done ? 0 : 1)
            .SelectMany(r => r.Files.Where(f => f.State == FixtureFileState.Complete && f.Listed).OrderByDescending(f => f.Size).Take(1).Select(f => (r, f)))
            .First();
        return new DemoSample($"{run.Wiki}/{run.Date}/{file.Name}", Path.Combine(tree.Root, run.RelativePath, file.Name), file.Size);
    }
}
