namespace DumpDist.Web.Serving;

/// <summary>How a Range header applies to a representation.</summary>
internal enum RangeOutcome
{
    /// <summary>No usable Range header (absent, malformed, or over the cap): send the whole file.</summary>
    Full,

    /// <summary>One or more satisfiable ranges.</summary>
    Partial,

    /// <summary>Syntactically valid but no range overlaps the file: 416.</summary>
    Unsatisfiable,
}
