namespace DumpDist.Fixtures;

/// <summary>How a data file exists on disk.</summary>
public enum FixtureFileState
{
    /// <summary>Written in full under its final name.</summary>
    Complete,

    /// <summary>Written in part under <c>NAME.inprog</c>; the final name does not exist.</summary>
    Partial,
}
