namespace DumpDist.Fixtures.Planning;

/// <summary>A data file of an other/ dataset; <paramref name="Path"/> is relative to the dataset directory.</summary>
internal sealed record OtherFilePlan(string Path, long Size, bool Partial, DateTime Modified)
{
    public string PathOnDisk => Partial ? Path + ".inprog" : Path;
}
