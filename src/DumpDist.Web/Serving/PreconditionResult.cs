namespace DumpDist.Web.Serving;

/// <summary>The result of evaluating conditional request headers.</summary>
internal enum PreconditionResult
{
    Proceed,
    NotModified,
    PreconditionFailed,
}
