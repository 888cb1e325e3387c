namespace DumpDist.Web.Serving;

/// <summary>An inclusive byte range [First, Last] of a representation.</summary>
internal readonly record struct ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;
}
