namespace DumpDist.Web.Confinement;

/// <summary>
/// Checks a decoded request path before it touches the file system. Kestrel has already decoded
/// percent-escapes once; we never decode again, so <c>%252e</c> stays the literal name <c>%2e</c>.
/// </summary>
internal static class RequestPathValidator
{
    /// <summary>Validates <paramref name="path"/> and returns the relative path (no leading slash, single slashes).</summary>
    public static PathVerdict Validate(string? path, out string relative)
    {
        relative = string.Empty;
        if (string.IsNullOrEmpty(path) || path[0] != '/')
        {
            return PathVerdict.BadRequest;
        }

        var needsRebuild = false;
        foreach (var c in path)
        {
            // Backslash, NUL, control characters, and U+FFFD (the decoder's replacement for
            // invalid or overlong UTF-8 such as %c0%ae) are never part of a published name.
            if (c == '\\' || c < 0x20 || c == 0x7f || c == '\uFFFD')
            {
                return PathVerdict.BadRequest;
            }
        }

        var span = path.AsSpan(1);
        var excluded = false;
        foreach (var range in span.Split('/'))
        {
            var segment = span[range];
            if (segment.IsEmpty)
            {
                needsRebuild = true;
                continue;
            }

            if (segment is "." or "..")
            {
                return PathVerdict.BadRequest;
            }

            if (segment.Contains('%'))
            {
                // A percent sign surviving Kestrel's decoding means the client encoded twice
                // (%252e, %25c0%25ae) or sent an undecodable escape: never a real dump name.
                return PathVerdict.BadRequest;
            }

            excluded |= PublishFilter.IsExcluded(segment);
        }

        if (excluded)
        {
            return PathVerdict.NotFound;
        }

        if (!needsRebuild)
        {
            relative = path.Substring(1);
            return PathVerdict.Ok;
        }

        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        relative = string.Join('/', parts);
        return PathVerdict.Ok;
    }
}
