namespace DumpDist.Core.Tree;

/// <summary>The digest a checksum file lists.</summary>
public enum ChecksumAlgorithm
{
    /// <summary>MD5, 32 hex digits.</summary>
    Md5,

    /// <summary>SHA-1, 40 hex digits.</summary>
    Sha1,
}
