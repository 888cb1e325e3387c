using DumpDist.Core.Configuration;
using DumpDist.Mirrors.Freshness;

namespace DumpDist.Mirrors.Downloads;

/// <summary>
/// Which mirrors a download may be sent to: active entries with an HTTP(S) URL whose last check
/// found them fresh. Stale, unreachable, unchecked and wrong mirrors are never offered.
/// </summary>
internal static class FreshMirrors
{
    /// <summary>Each fresh mirror's URL of <paramref name="relativePath"/> (relative to the served root, '/' separated), in registry order.</summary>
    public static IReadOnlyList<Uri> CopiesOf(string relativePath, IReadOnlyList<MirrorConfig> registry, IReadOnlyDictionary<string, MirrorFreshness> state)
    {
        var path = string.Join('/', relativePath.TrimStart('/').Split('/').Select(Uri.EscapeDataString));
        return registry
            .Where(m => m.Active && m.Url.Scheme is "http" or "https")
            .Where(m => state.TryGetValue(m.Name, out var f) && f.Last.Status == MirrorCheckStatus.Fresh)
            .Select(m => new Uri(m.Url.AbsoluteUri.EndsWith('/') ? m.Url.AbsoluteUri + path : m.Url.AbsoluteUri + "/" + path))
            .ToList();
    }
}
