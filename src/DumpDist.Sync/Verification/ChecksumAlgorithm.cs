namespace DumpDist.Sync.Verification;

/// <summary>The published checksum a file is checked against (sha1sums preferred, else md5sums).</summary>
public enum ChecksumAlgorithm
{
    Sha1,
    Md5,
}
