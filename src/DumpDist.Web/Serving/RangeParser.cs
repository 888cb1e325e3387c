using System.Globalization;

namespace DumpDist.Web.Serving;

/// <summary>
/// Parses <c>Range: bytes=...</c> (RFC 9110 section 14): single, suffix (<c>-N</c>), open-ended
/// (<c>N-</c>) and lists. A malformed header is ignored as the RFC allows; so is a list longer
/// than the cap (as nginx's max_ranges does), which stops many-tiny-ranges amplification.
/// Overlapping or adjacent ranges are coalesced.
/// </summary>
internal static class RangeParser
{
    public static RangeOutcome Parse(string? header, long length, int maxRanges, out List<ByteRange> ranges)
    {
        ranges = [];
        if (string.IsNullOrEmpty(header))
        {
            return RangeOutcome.Full;
        }

        var span = header.AsSpan().Trim();
        if (!span.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return RangeOutcome.Full;
        }

        span = span["bytes=".Length..];
        var count = 0;
        var sawAny = false;
        foreach (var partRange in span.Split(','))
        {
            var part = span[partRange].Trim();
            if (part.IsEmpty)
            {
                continue;
            }

            if (++count > maxRanges)
            {
                ranges.Clear();
                return RangeOutcome.Full;
            }

            var dash = part.IndexOf('-');
            if (dash < 0)
            {
                ranges.Clear();
                return RangeOutcome.Full;
            }

            var firstText = part[..dash].Trim();
            var lastText = part[(dash + 1)..].Trim();
            sawAny = true;
            if (firstText.IsEmpty)
            {
                if (!TryParseNumber(lastText, out var suffix))
                {
                    ranges.Clear();
                    return RangeOutcome.Full;
                }

                if (suffix > 0 && length > 0)
                {
                    ranges.Add(new ByteRange(Math.Max(0, length - suffix), length - 1));
                }

                continue;
            }

            if (!TryParseNumber(firstText, out var first))
            {
                ranges.Clear();
                return RangeOutcome.Full;
            }

            long last;
            if (lastText.IsEmpty)
            {
                last = length - 1;
            }
            else if (!TryParseNumber(lastText, out last) || last < first)
            {
                ranges.Clear();
                return RangeOutcome.Full;
            }

            if (first < length)
            {
                ranges.Add(new ByteRange(first, Math.Min(last, length - 1)));
            }
        }

        if (!sawAny)
        {
            return RangeOutcome.Full;
        }

        if (ranges.Count == 0)
        {
            return RangeOutcome.Unsatisfiable;
        }

        Coalesce(ranges);
        return RangeOutcome.Partial;
    }

    private static bool TryParseNumber(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static void Coalesce(List<ByteRange> ranges)
    {
        if (ranges.Count < 2)
        {
            return;
        }

        ranges.Sort((a, b) => a.First.CompareTo(b.First));
        var merged = new List<ByteRange>(ranges.Count) { ranges[0] };
        for (var i = 1; i < ranges.Count; i++)
        {
            var previous = merged[^1];
            var current = ranges[i];
            if (current.First <= previous.Last + 1)
            {
                merged[^1] = previous with { Last = Math.Max(previous.Last, current.Last) };
            }
            else
            {
                merged.Add(current);
            }
        }

        ranges.Clear();
        ranges.AddRange(merged);
    }
}
