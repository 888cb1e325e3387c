using DumpDist.TestSupport;

namespace DumpDist.Fixtures.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public async Task GenerateAsync_SameSeed_ByteIdenticalTrees()
    {
        var first = await Describe(seed: 3);
        var second = await Describe(seed: 3);

        Assert.True(first.Count > 500, $"only {first.Count} entries");
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task GenerateAsync_DifferentSeed_DifferentTrees()
    {
        var first = await Describe(seed: 3);
        var other = await Describe(seed: 4);

        Assert.NotEqual(first, other);
        // Same shape of names for the huge wikis, different bytes.
        Assert.NotEqual(first["public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2"], other["public/enwiki/20261101/enwiki-20261101-pages-articles.xml.bz2"]);
    }

    private static async Task<SortedDictionary<string, string>> Describe(int seed)
    {
        var root = TestPaths.NewTempDirectory("fixture-seed");
        try
        {
            await FixtureGenerator.GenerateAsync(new FixtureOptions(root, Wikis: 5, Runs: 3, Scale: 16 * 1024, Seed: seed));
            return TreeFiles.Describe(root);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
