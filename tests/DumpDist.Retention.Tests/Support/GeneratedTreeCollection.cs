namespace DumpDist.Retention.Tests.Support;

/// <summary>Test classes that read the one shared <see cref="GeneratedTree"/>.</summary>
[CollectionDefinition(Name)]
public sealed class GeneratedTreeCollection : ICollectionFixture<GeneratedTree>
{
    public const string Name = "generated retention tree";
}
