using DumpDist.Fixtures;
using DumpDist.TestSupport;

namespace DumpDist.Fixtures.Tests;

/// <summary>
/// One small generated tree shared by the test classes of <see cref="GeneratedTreeCollection"/> (8 wikis:
/// 2 huge, 2 big, 4 small; 3 runs; biggest file 64 KiB; about 8 MB and 10,000 files), deleted afterwards.
/// </summary>
public sealed class GeneratedTree : IAsyncLifetime
{
    public string Root { get; private set; } = string.Empty;

    public FixtureManifest Manifest { get; private set; } = null!;

    public FixtureProgress Progress { get; } = new();

    public async Task InitializeAsync()
    {
        Root = TestPaths.NewTempDirectory("fixture-tree");
        Manifest = await FixtureGenerator.GenerateAsync(new FixtureOptions(Root, Wikis: 8, Runs: 3, Scale: 64 * 1024, Seed: 7), Progress);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    public string RunDirectory(FixtureRun run) => Path.Combine(Root, run.RelativePath);
}
