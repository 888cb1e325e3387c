using DumpDist.Fixtures;

namespace DumpDist.Cli.Demo;

/// <summary>A data file of the generated tree that every host must serve byte for byte once it has synced.</summary>
/// <param name="WebPath">Its path under the web root (which is the tree's <c>public/</c>).</param>
/// <param name="SourcePath">The file in the generation source's tree.</param>
/// <param name="Size">Its size.</param>
internal sealed record DemoSample(string WebPath, string SourcePath, long Size)
{
    /// <summary>The biggest complete file of the first wiki's newest finished run.</summary>
    public static DemoSample From(FixtureManifest tree)
    {
        var run = tree.Runs.Where(r => r.State == FixtureRunState.Done).OrderByDescending(r => r.Date, StringComparer.Ordinal).First();
        var file = run.Files.Where(f => f.State == FixtureFileState.Complete && f.Listed).OrderByDescending(f => f.Size).First();
        return new DemoSample($"{run.Wiki}/{run.Date}/{file.Name}", Path.Combine(tree.Root, run.RelativePath, file.Name), file.Size);
    }
}
