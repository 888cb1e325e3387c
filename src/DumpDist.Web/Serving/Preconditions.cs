using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DumpDist.Web.Serving;

/// <summary>RFC 9110 section 13.2.2 order: If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since; then If-Range.</summary>
internal static class Preconditions
{
    public static PreconditionResult Evaluate(IHeaderDictionary headers, Resource resource)
    {
        var ifMatch = headers.IfMatch;
        if (ifMatch.Count > 0)
        {
            if (!AnyTagMatches(ifMatch, resource.ETag, strong: true))
            {
                return PreconditionResult.PreconditionFailed;
            }
        }
        else if (TryDate(headers.IfUnmodifiedSince, out var unmodifiedSince) && resource.LastModified > unmodifiedSince)
        {
            return PreconditionResult.PreconditionFailed;
        }

        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return AnyTagMatches(ifNoneMatch, resource.ETag, strong: false) ? PreconditionResult.NotModified : PreconditionResult.Proceed;
        }

        if (TryDate(headers.IfModifiedSince, out var modifiedSince) && resource.LastModified <= modifiedSince)
        {
            return PreconditionResult.NotModified;
        }

        return PreconditionResult.Proceed;
    }

    /// <summary>
    /// True when a Range header may be honoured: no If-Range, or a strong match: the same strong
    /// entity tag, or exactly the Last-Modified date of a file modified at least a second before
    /// <paramref name="now"/> (a younger date is weak, RFC 9110 8.8.2.2: the file may have changed
    /// again within that second).
    /// </summary>
    public static bool IfRangeAllows(IHeaderDictionary headers, Resource resource, DateTimeOffset now)
    {
        var ifRange = headers.IfRange;
        if (ifRange.Count == 0)
        {
            return true;
        }

        var value = ifRange.ToString().Trim();
        if (value.StartsWith('"') || value.StartsWith("W/", StringComparison.Ordinal))
        {
            // If-Range needs a strong comparison; a weak tag never matches.
            return string.Equals(value, resource.ETag, StringComparison.Ordinal);
        }

        return HeaderUtilities.TryParseDate(value, out var date) && date == resource.LastModified
            && now.UtcTicks - resource.ModifiedTicks >= TimeSpan.TicksPerSecond;
    }

    private static bool TryDate(Microsoft.Extensions.Primitives.StringValues values, out DateTimeOffset date)
    {
        date = default;
        return values.Count > 0 && HeaderUtilities.TryParseDate(values.ToString(), out date);
    }

    private static bool AnyTagMatches(Microsoft.Extensions.Primitives.StringValues values, string etag, bool strong)
    {
        if (!EntityTagHeaderValue.TryParseList(values, out var tags))
        {
            return false;
        }

        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any))
            {
                return true;
            }

            if (strong && tag.IsWeak)
            {
                continue;
            }

            if (tag.Tag.AsSpan().SequenceEqual(etag))
            {
                return true;
            }
        }

        return false;
    }
}
