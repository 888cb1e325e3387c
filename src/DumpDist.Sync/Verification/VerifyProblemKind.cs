namespace DumpDist.Sync.Verification;

/// <summary>Why a file failed verification.</summary>
public enum VerifyProblemKind
{
    /// <summary>The digest differs from the published one.</summary>
    ChecksumMismatch,

    /// <summary>The size differs from dumpstatus.json.</summary>
    SizeMismatch,

    /// <summary>A checksum file lists it but it is not there.</summary>
    Missing,

    /// <summary>A checksum or status file could not be read.</summary>
    UnreadableExpectations,

    /// <summary>The file could not be read.</summary>
    Unreadable,

    /// <summary>A checksum or status file names something that is not a plain file of its directory; it was not opened.</summary>
    RefusedName,

    /// <summary>The file is a symbolic link to something outside its directory, or not a regular file; it was not opened.</summary>
    NotConfined,
}
