namespace DumpDist.Retention.Reporting;

/// <summary>The values of <see cref="CleanupItem.Outcome"/> and <see cref="CleanupItem.Kind"/>.</summary>
public static class CleanupOutcomes
{
    /// <summary>Deleted.</summary>
    public const string Removed = "removed";

    /// <summary>A dry run: would be deleted.</summary>
    public const string WouldRemove = "would-remove";

    /// <summary>A sync pass holds the dataset's lock: left alone.</summary>
    public const string Refused = "refused";

    /// <summary>Could not be moved out of the served tree: left in place, whole.</summary>
    public const string Failed = "failed";

    /// <summary>Moved out of the served tree, but deleting failed: the next pass retries.</summary>
    public const string InTrash = "in-trash";

    /// <summary>Kind of an entry an interrupted pass left in the trash.</summary>
    public const string LeftoverKind = "leftover";
}
