namespace DumpDist.Fixtures.Planning;

/// <summary>Chooses wiki names: the huge ones, then big ones, then many plausible small ones.</summary>
internal static class WikiNames
{
    public static readonly string[] Huge = ["enwiki", "wikidatawiki"];

    public static readonly string[] Big =
    [
        "dewiki", "frwiki", "jawiki", "ruwiki", "eswiki", "itwiki", "commonswiki", "zhwiki",
        "plwiki", "ptwiki", "nlwiki", "svwiki", "arwiki", "ukwiki", "viwiki", "cebwiki",
    ];

    private static readonly string[] Projects =
        ["wiki", "wiktionary", "wikibooks", "wikisource", "wikiquote", "wikinews", "wikiversity", "wikivoyage"];

    private static readonly string[] Languages =
    [
        "aa", "ab", "ace", "af", "ak", "als", "am", "an", "ang", "as", "ast", "av", "ay", "az", "ba", "bar",
        "bat_smg", "bcl", "be", "be_x_old", "bg", "bh", "bi", "bjn", "bm", "bn", "bo", "bpy", "br", "bs", "bug",
        "bxr", "ca", "cbk_zam", "cdo", "ce", "ch", "cho", "chr", "chy", "ckb", "co", "cr", "crh", "cs", "csb",
        "cu", "cv", "cy", "da", "diq", "dsb", "dv", "dz", "ee", "el", "eml", "eo", "et", "eu", "ext", "fa", "ff",
        "fi", "fiu_vro", "fj", "fo", "frp", "frr", "fur", "fy", "ga", "gag", "gan", "gd", "gl", "glk", "gn", "got",
        "gu", "gv", "ha", "hak", "haw", "he", "hi", "hif", "ho", "hr", "hsb", "ht", "hu", "hy", "hz", "ia", "id",
        "ie", "ig", "ii", "ik", "ilo", "io", "is", "iu", "jbo", "jv", "ka", "kaa", "kab", "kbd", "kg", "ki", "kj",
        "kk", "kl", "km", "kn", "ko", "koi", "kr", "krc", "ks", "ksh", "ku", "kv", "kw", "ky", "la", "lad", "lb",
        "lbe", "lez", "lg", "li", "lij", "lmo", "ln", "lo", "lt", "ltg", "lv", "map_bms", "mdf", "mg", "mh",
        "mhr", "mi", "min", "mk", "ml", "mn", "mr", "mrj", "ms", "mt", "mus", "mwl", "my", "myv", "mzn", "na",
        "nah", "nap", "nds", "nds_nl", "ne", "new", "ng", "nn", "no", "nov", "nrm", "nso", "nv", "ny", "oc", "om",
        "or", "os", "pa", "pag", "pam", "pap", "pcd", "pdc", "pfl", "pi", "pih", "pms", "pnb", "pnt", "ps", "qu",
        "rm", "rmy", "rn", "ro", "roa_rup", "roa_tara", "rue", "rw", "sa", "sah", "sc", "scn", "sco", "sd", "se",
        "sg", "sh", "si", "simple", "sk", "sl", "sm", "sn", "so", "sq", "sr", "srn", "ss", "st", "stq", "su", "sw",
        "szl", "ta", "te", "tet", "tg", "th", "ti", "tk", "tl", "tn", "to", "tpi", "tr", "ts", "tt", "tum", "tw",
        "ty", "udm", "ug", "ur", "uz", "ve", "vec", "vep", "vls", "vo", "wa", "war", "wo", "wuu", "xal", "xh",
        "xmf", "yi", "yo", "za", "zea", "zh_classical", "zh_min_nan", "zh_yue", "zu",
    ];

    /// <summary>The first <paramref name="count"/> wikis: huge, then about a third big (at most all of <see cref="Big"/>), then small.</summary>
    public static IReadOnlyList<(string Name, WikiClass Class)> Choose(int count, int seed)
    {
        var result = new List<(string, WikiClass)>(count);
        foreach (var name in Huge.Take(count))
        {
            result.Add((name, WikiClass.Huge));
        }

        var bigCount = Math.Min(Big.Length, Math.Max(0, count - result.Count) / 3);
        foreach (var name in Big.Take(bigCount))
        {
            result.Add((name, WikiClass.Big));
        }

        var small = SmallCandidates(count - result.Count, seed);
        foreach (var name in small)
        {
            result.Add((name, WikiClass.Small));
        }

        return result;
    }

    private static List<string> SmallCandidates(int needed, int seed)
    {
        if (needed <= 0)
        {
            return [];
        }

        var taken = new HashSet<string>(Huge.Concat(Big), StringComparer.Ordinal);
        var candidates = new List<string>();
        foreach (var project in Projects)
        {
            foreach (var language in Languages)
            {
                var name = language + project;
                if (taken.Add(name))
                {
                    candidates.Add(name);
                }
            }
        }

        // Real language codes run out at a few thousand wikis; invented three-letter codes keep names plausible.
        for (var i = 0; candidates.Count < needed * 2 && i < 26 * 26 * 26; i++)
        {
            var code = $"{(char)('a' + (i / 676))}{(char)('a' + (i / 26 % 26))}{(char)('a' + (i % 26))}";
            foreach (var project in Projects)
            {
                var name = code + project;
                if (taken.Add(name))
                {
                    candidates.Add(name);
                }
            }
        }

        // Shuffle so a small count still mixes projects (Fisher-Yates with the seed).
        var random = new StableRandom(seed, "wiki-names");
        for (var i = candidates.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        return candidates.Take(needed).ToList();
    }
}
