using DumpDist.Fixtures;
using DumpDist.TestSupport;

namespace DumpDist.Retention.Tests.Support;

/// <summary>
/// One generated tree with many runs, shared by <see cref="GeneratedTreeCollection"/> and never changed
/// (tests that clean work on a copy): 5 wikis (2 huge, 1 big, 2 small), 8 runs each, biggest file 2 KiB.
/// </summary>
public sealed class GeneratedTree : IAsyncLifetime
{
    public string Root { get; private set; } = string.Empty;

    public FixtureManifest Manifest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Root = TestPaths.NewTempDirectory("retention-fixture");
        Manifest = await FixtureGenerator.GenerateAsync(new FixtureOptions(Root, Wikis: 5, Runs: 8, Scale: 2048, Seed: 11));
    }

    /// <summary>A copy (<c>cp -a</c>: links and mtimes kept) to change.</summary>
    public async Task<string> CopyAsync()
    {
        var copy = TestPaths.NewTempDirectory("retention-copy");
        var result = await ExternalProgram.RunAsync("cp", ["-a", Root + "/.", copy]);
        Assert.Equal(0, result.ExitCode);
        return copy;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Root, recursive: true);
        return Task.CompletedTask;
    }
}
