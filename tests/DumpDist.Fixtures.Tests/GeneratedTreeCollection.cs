namespace DumpDist.Fixtures.Tests;

/// <summary>Test classes that read the one shared <see cref="GeneratedTree"/> (file creation is the slow part here).</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedTreeCollection : ICollectionFixture<GeneratedTree>
{
    public const string Name = "generated tree";
}
