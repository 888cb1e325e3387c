namespace DumpDist.FunctionalTests.Operations;

/// <summary>The test classes that share one <see cref="OperationsNode"/> (started once for all of them).</summary>
[CollectionDefinition(Name)]
public sealed class OperationsNodeCollection : ICollectionFixture<OperationsNode>
{
    public const string Name = "operations node";
}
