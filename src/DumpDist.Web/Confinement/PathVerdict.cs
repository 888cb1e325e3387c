namespace DumpDist.Web.Confinement;

/// <summary>What the confinement check decided about a request path.</summary>
internal enum PathVerdict
{
    /// <summary>A well-formed path inside the tree (it may still not exist).</summary>
    Ok,

    /// <summary>Malformed: dot segments, backslashes, control characters, undecodable bytes.</summary>
    BadRequest,

    /// <summary>Well-formed but names something that is never published.</summary>
    NotFound,
}
