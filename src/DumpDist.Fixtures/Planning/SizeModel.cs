namespace DumpDist.Fixtures.Planning;

/// <summary>File sizes: weight x wiki class x wiki factor x --scale, jittered, never above --scale.</summary>
internal static class SizeModel
{
    public static double ClassFactor(WikiClass wikiClass) => wikiClass switch
    {
        WikiClass.Huge => 1.0,
        WikiClass.Big => 0.12,
        _ => 0.002,
    };

    /// <summary>A size for a file of <paramref name="weight"/> (1.0 = the wiki's biggest file).</summary>
    public static long Size(double weight, double wikiFactor, long scale, double growth, StableRandom random)
    {
        var raw = scale * wikiFactor * weight * growth * random.Between(0.85, 1.0);
        // Real tiny files (site_stats.sql.gz, siteinfo-namespaces.json.gz) are a few hundred bytes, not zero.
        var floor = 40 + random.Next(400);
        return Math.Clamp((long)raw, Math.Min(floor, scale), scale);
    }
}
