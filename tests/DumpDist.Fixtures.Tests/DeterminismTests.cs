using DumpDist.TestSupport;

namespace DumpDist.Fixtures.Tests;

public sealed class DeterminismTests(DeterminismTests.Trees trees) : IClassFixture<DeterminismTests.Trees>
{
    [Fact]
    public void GenerateAsync_SameSeed_ByteIdenticalTrees()
    {
        Assert.True(trees.First.Count > 500, $"only {trees.First.Count} entries");
        Assert.Equal(trees.First, trees.Again);
    }

    [Fact]
    public void GenerateAsync_DifferentSeed_DifferentTrees()
    {
        Assert.NotEqual(trees.First, trees.OtherSeed);
        const string file = "public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2";
        Assert.NotEqual(trees.First[file], trees.OtherSeed[file]);
    }

    [Fact]
    public void GenerateAsync_ManagedFileHandles_SameTreeAsNativeWriter()
    {
        Assert.Equal(trees.First, trees.Managed);
    }

    /// <summary>Four small trees described entry by entry (path, size, mtime, sha1 or link target): seed 3 twice, seed 4, and seed 3 written through .NET file handles instead of the native calls.</summary>
    public sealed class Trees : IAsyncLifetime
    {
        public SortedDictionary<string, string> First { get; private set; } = [];

        public SortedDictionary<string, string> Again { get; private set; } = [];

        public SortedDictionary<string, string> OtherSeed { get; private set; } = [];

        public SortedDictionary<string, string> Managed { get; private set; } = [];

        public async Task InitializeAsync()
        {
            First = await Describe(seed: 3);
            Again = await Describe(seed: 3);
            OtherSeed = await Describe(seed: 4);
            Managed = await Describe(seed: 3, nativeIo: false);
        }

        public Task DisposeAsync() => Task.CompletedTask;

        private static async Task<SortedDictionary<string, string>> Describe(int seed, bool? nativeIo = null)
        {
            var root = TestPaths.NewTempDirectory("fixture-seed");
            try
            {
                await FixtureGenerator.GenerateAsync(new FixtureOptions(root, Wikis: 4, Runs: 2, Scale: 4096, Seed: seed), null, nativeIo ?? Writing.TreeOutput.NativeByDefault, CancellationToken.None);
                return TreeFiles.Describe(root);
            }
            finally
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
