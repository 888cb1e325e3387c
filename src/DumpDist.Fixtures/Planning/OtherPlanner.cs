using System.Globalization;

namespace DumpDist.Fixtures.Planning;

/// <summary>
/// Plans public/other/: cirrussearch and wikibase (dated weekly directories), pageviews (flat hourly
/// files under YEAR/YEAR-MONTH/ with an md5sums.txt) and kiwix (flat .zim files).
/// </summary>
internal static class OtherPlanner
{
    private static readonly DateOnly NewestMonday = new(2026, 11, 23);
    private static readonly DateOnly NewestWednesday = new(2026, 11, 18);
    private static readonly DateOnly LastPageviewsDay = new(2026, 11, 24);

    public static IReadOnlyList<DatasetPlan> Plan(FixtureOptions options, IReadOnlyList<string> wikis)
    {
        var random = new StableRandom(options.Seed, "other");
        return
        [
            CirrusSearch(options, wikis, random),
            Wikibase(options, random),
            Pageviews(options, random),
            Kiwix(options, random),
        ];
    }

    private static DatasetPlan CirrusSearch(FixtureOptions options, IReadOnlyList<string> wikis, StableRandom random)
    {
        var dirs = new List<string>();
        var files = new List<OtherFilePlan>();
        var chosen = wikis.Take(40).ToList();
        for (var week = options.Runs - 1; week >= 0; week--)
        {
            var date = Format(NewestMonday.AddDays(-7 * week));
            dirs.Add(date);
            var modified = At(NewestMonday.AddDays(-7 * week), 20);
            foreach (var wiki in chosen)
            {
                var factor = wiki is "enwiki" or "wikidatawiki" ? 0.3 : 0.01;
                files.Add(new OtherFilePlan($"{date}/{wiki}-{date}-cirrussearch-content.json.gz", SizeModel.Size(factor, 1, options.Scale, 1, random), false, modified));
                files.Add(new OtherFilePlan($"{date}/{wiki}-{date}-cirrussearch-general.json.gz", SizeModel.Size(factor * 1.5, 1, options.Scale, 1, random), false, modified));
            }
        }

        // The newest week is still being written: its last file is a partial .inprog.
        var last = files[^1];
        files[^1] = last with { Size = Math.Max(1, last.Size / 3), Partial = true };
        return new DatasetPlan("cirrussearch", true, dirs, files, [], []);
    }

    private static DatasetPlan Wikibase(FixtureOptions options, StableRandom random)
    {
        var dirs = new List<string>();
        var files = new List<OtherFilePlan>();
        var sums = new List<ChecksumFilePlan>();
        string? newest = null;
        string[] kinds = ["all.json.gz", "all.json.bz2", "lexemes.json.gz", "truthy-BETA.nt.bz2"];
        double[] weights = [0.8, 0.6, 0.01, 0.3];
        for (var week = options.Runs - 1; week >= 0; week--)
        {
            var day = NewestWednesday.AddDays(-7 * week);
            var date = Format(day);
            var dir = $"wikidatawiki/{date}";
            dirs.Add(dir);
            var modified = At(day.AddDays(1), 6);
            var names = kinds.Select(k => $"wikidata-{date}-{k}").ToList();
            for (var i = 0; i < kinds.Length; i++)
            {
                files.Add(new OtherFilePlan($"{dir}/{names[i]}", SizeModel.Size(weights[i], 1, options.Scale, 1, random), false, modified));
            }

            sums.Add(new ChecksumFilePlan($"{dir}/wikidata-{date}-md5sums.txt", names, modified));
            newest = date;
        }

        var links = new List<KeyValuePair<string, string>>
        {
            new("wikidatawiki/latest-all.json.gz", $"{newest}/wikidata-{newest}-all.json.gz"),
            new("wikidatawiki/latest-all.json.bz2", $"{newest}/wikidata-{newest}-all.json.bz2"),
            new("wikidatawiki/latest-lexemes.json.gz", $"{newest}/wikidata-{newest}-lexemes.json.gz"),
            new("wikidatawiki/latest-truthy.nt.bz2", $"{newest}/wikidata-{newest}-truthy-BETA.nt.bz2"),
        };
        return new DatasetPlan("wikibase", true, dirs, files, sums, links);
    }

    private static DatasetPlan Pageviews(FixtureOptions options, StableRandom random)
    {
        var files = new List<OtherFilePlan>();
        var byMonth = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var days = Math.Min(options.Runs, 90);
        for (var d = days - 1; d >= 0; d--)
        {
            var day = LastPageviewsDay.AddDays(-d);
            var monthDir = $"{day.Year}/{day:yyyy-MM}";
            if (!byMonth.TryGetValue(monthDir, out var names))
            {
                byMonth[monthDir] = names = [];
            }

            for (var hour = 0; hour < 24; hour++)
            {
                var stamp = $"{day:yyyyMMdd}-{hour:00}0000";
                var modified = At(day, hour) + TimeSpan.FromMinutes(50);
                files.Add(new OtherFilePlan($"{monthDir}/pageviews-{stamp}.gz", SizeModel.Size(0.02, 1, options.Scale, 1, random), false, modified));
                files.Add(new OtherFilePlan($"{monthDir}/projectviews-{stamp}", SizeModel.Size(0.0005, 1, options.Scale, 1, random), false, modified));
                names.Add($"pageviews-{stamp}.gz");
                names.Add($"projectviews-{stamp}");
            }
        }

        var sums = byMonth.Select(m => new ChecksumFilePlan($"{m.Key}/md5sums.txt", m.Value, files.Where(f => f.Path.StartsWith(m.Key + "/", StringComparison.Ordinal)).Max(f => f.Modified))).ToList();
        return new DatasetPlan("pageviews", false, [], files, sums, []);
    }

    private static DatasetPlan Kiwix(FixtureOptions options, StableRandom random)
    {
        (string Path, double Weight, DateOnly Day)[] zims =
        [
            ("zim/wikipedia/wikipedia_en_all_maxi_2026-10.zim", 0.9, new DateOnly(2026, 10, 28)),
            ("zim/wikipedia/wikipedia_de_all_nopic_2026-09.zim", 0.3, new DateOnly(2026, 9, 30)),
            ("zim/wikipedia/wikipedia_fr_all_maxi_2026-10.zim", 0.4, new DateOnly(2026, 10, 21)),
            ("zim/wiktionary/wiktionary_fr_all_maxi_2026-10.zim", 0.05, new DateOnly(2026, 10, 12)),
            ("zim/wikisource/wikisource_en_all_nopic_2026-08.zim", 0.08, new DateOnly(2026, 8, 17)),
        ];
        var files = zims.Select(z => new OtherFilePlan(z.Path, SizeModel.Size(z.Weight, 1, options.Scale, 1, random), false, At(z.Day, 3))).ToList();
        return new DatasetPlan("kiwix", false, [], files, [], []);
    }

    private static string Format(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static DateTime At(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);
}
