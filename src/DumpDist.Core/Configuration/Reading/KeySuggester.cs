namespace DumpDist.Core.Configuration.Reading;

/// <summary>Finds the known key closest to a misspelled one (Levenshtein distance).</summary>
internal static class KeySuggester
{
    /// <summary>The closest of <paramref name="known"/>, when it is close enough to be a plausible typo.</summary>
    public static string? Closest(string unknown, IReadOnlyCollection<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(unknown.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var allowed = Math.Max(2, Math.Max(unknown.Length, best?.Length ?? 0) / 3);
        return bestDistance <= allowed ? best : null;
    }

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
