namespace DumpDist.Fixtures.Planning;

/// <summary>A data file to write: its final name and the bytes it gets (a partial one is written as NAME.inprog).</summary>
internal sealed record PlannedFile(string Name, long Size, bool Partial)
{
    public string NameOnDisk => Partial ? Name + ".inprog" : Name;
}
