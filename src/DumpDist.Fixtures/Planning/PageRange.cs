namespace DumpDist.Fixtures.Planning;

/// <summary>A page id range of a split job part, as in <c>pages-articles3.xml-p151574p311329.bz2</c>.</summary>
internal readonly record struct PageRange(int Part, long First, long Last)
{
    public string Suffix => $"p{First}p{Last}";

    /// <summary>
    /// <paramref name="parts"/> ranges over 1..<paramref name="maxPage"/>; early ranges are narrow because old
    /// pages carry more revisions, as in production's page ranges.
    /// </summary>
    public static IReadOnlyList<PageRange> Split(int parts, long maxPage)
    {
        var ranges = new List<PageRange>(parts);
        long first = 1;
        for (var i = 1; i <= parts; i++)
        {
            var fraction = (double)i / parts;
            var last = i == parts ? maxPage : Math.Max(first, (long)(maxPage * fraction * fraction));
            ranges.Add(new PageRange(i, first, last));
            first = last + 1;
        }

        return ranges;
    }

    /// <summary>Splits this range into <paramref name="pieces"/> sub-ranges (history parts), same part number.</summary>
    public IEnumerable<PageRange> Subdivide(int pieces)
    {
        var width = Math.Max(1, (Last - First + 1) / pieces);
        var first = First;
        for (var i = 0; i < pieces && first <= Last; i++)
        {
            var last = i == pieces - 1 ? Last : Math.Min(Last, first + width - 1);
            yield return new PageRange(Part, first, last);
            first = last + 1;
        }
    }
}
