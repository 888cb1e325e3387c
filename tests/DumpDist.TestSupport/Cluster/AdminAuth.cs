namespace DumpDist.TestSupport.Cluster;

/// <summary>What a lab HTTP call sends as its admin credentials.</summary>
public enum AdminAuth
{
    /// <summary>No Authorization header.</summary>
    None,

    /// <summary>The cluster's admin token.</summary>
    Token,

    /// <summary>A well-formed bearer token that no node accepts.</summary>
    WrongToken,
}
