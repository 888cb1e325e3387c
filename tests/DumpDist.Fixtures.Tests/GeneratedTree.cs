using DumpDist.Fixtures;
using DumpDist.TestSupport;

namespace DumpDist.Fixtures.Tests;

/// <summary>
/// One small generated tree shared by a test class (8 wikis: 2 huge, 2 big, 4 small; 4 runs; biggest file
/// 64 KiB; a few MB in all), deleted afterwards.
/// </summary>
public sealed class GeneratedTree : IAsyncLifetime
{
    public string Root { get; private set; } = string.Empty;

    public FixtureManifest Manifest { get; private set; } = null!;

    public FixtureProgress Progress { get; } = new();

    public async Task InitializeAsync()
    {
        Root = TestPaths.NewTempDirectory("fixture-tree");
        Manifest = await FixtureGenerator.GenerateAsync(new FixtureOptions(Root, Wikis: 8, Runs: 4, Scale: 64 * 1024, Seed: 7), Progress);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }

    public string RunDirectory(FixtureRun run) => Path.Combine(Root, run.RelativePath);
}
