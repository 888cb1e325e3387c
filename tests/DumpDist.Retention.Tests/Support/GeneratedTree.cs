using System.Collections.Concurrent;
using DumpDist.Fixtures;
using DumpDist.TestSupport;

namespace DumpDist.Retention.Tests.Support;

/// <summary>
/// One generated tree with many runs, shared by <see cref="GeneratedTreeCollection"/> and never changed
/// (tests that clean work on a copy): 4 wikis (2 huge, 1 big, 1 small), 6 runs each, biggest file 2 KiB.
/// </summary>
public sealed class GeneratedTree : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _shared = new(StringComparer.Ordinal);

    public string Root { get; private set; } = string.Empty;

    public FixtureManifest Manifest { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Root = TestPaths.NewTempDirectory("retention-fixture");
        Manifest = await FixtureGenerator.GenerateAsync(new FixtureOptions(Root, Wikis: 4, Runs: 6, Scale: 2048, Seed: 11));
    }

    /// <summary>A copy (<c>cp -a</c>: links and mtimes kept) to change.</summary>
    public async Task<string> CopyAsync()
    {
        var copy = TestPaths.NewTempDirectory("retention-copy");
        var result = await ExternalProgram.RunAsync("cp", ["-a", Root + "/.", copy]);
        Assert.Equal(0, result.ExitCode);
        return copy;
    }

    /// <summary>A copy made once, prepared by <paramref name="prepare"/>, shared by every test that asks for <paramref name="name"/>; tests must not change it.</summary>
    public Task<string> SharedCopyAsync(string name, Action<string>? prepare = null) =>
        _shared.GetOrAdd(name, _ => new Lazy<Task<string>>(async () =>
        {
            var copy = await CopyAsync();
            prepare?.Invoke(copy);
            return copy;
        })).Value;

    public async Task DisposeAsync()
    {
        foreach (var copy in _shared.Values)
        {
            Directory.Delete(await copy.Value, recursive: true);
        }

        Directory.Delete(Root, recursive: true);
    }
}
