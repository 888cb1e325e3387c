using DumpDist.Core.Configuration;
using DumpDist.Retention.Planning;
using DumpDist.Retention.Tests.Support;

namespace DumpDist.Retention.Tests.Planning;

/// <summary>The retention rules as a table of trees: what a pass removes and what a guard holds back.</summary>
public sealed class CleanupPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Cases { get; } =
    [
        "wiki in no class keeps default_keep good runs",
        "fewer good runs than keep removes nothing",
        "newest run in progress stays, older good ones go",
        "old run still in progress is held",
        "failed runs older than the kept good runs go",
        "failed run between kept good runs stays",
        "latest/ into an old run holds it",
        "wiki classes from the defaults: huge 7, big 8, default 10",
        "unreadable dumpstatus.json holds the run",
        "missing dumpstatus.json holds the run",
        "newest run without status (sync brings it last) stays",
        "other dataset by count",
        "other dataset by count per group one level down",
        "other dataset guards: symlink target and .inprog",
        "other dataset by age",
        "flat dataset by age spares link targets",
        "flat dataset with a count: nothing removed, a note",
        "other dataset without a rule keeps everything",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plan_Case_RemovesExactlyTheExpectedEntriesAndHoldsTheGuarded(string name)
    {
        using var tree = new TreeBuilder();
        var (config, removed, held) = Build(name, tree);

        var plan = CleanupPlanner.Plan(tree.Root, new RetentionRules(config), Now);

        Assert.Equal(removed.Order(StringComparer.Ordinal), plan.Removals.Select(r => Strip(r.RelativePath)).Order(StringComparer.Ordinal));
        Assert.Equal(held.Select(h => h.Path).Order(StringComparer.Ordinal), plan.Held.Select(h => Strip(h.RelativePath)).Order(StringComparer.Ordinal));
        foreach (var (path, reason) in held)
        {
            Assert.Contains(reason, plan.Held.Single(h => Strip(h.RelativePath) == path).Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plan_UnreadableStatusOfAnOldRun_ReportsAProblemNamingTheFile()
    {
        using var tree = new TreeBuilder();
        tree.Run("aawiki", "20260101", rawStatus: "{\"jobs\": {\"x\": ");
        tree.Run("aawiki", "20260201");
        tree.Run("aawiki", "20260301");

        var plan = CleanupPlanner.Plan(tree.Root, new RetentionRules(new RetentionConfig { DefaultKeep = 1 }), Now);

        var problem = Assert.Single(plan.Problems);
        Assert.EndsWith("public/aawiki/20260101/dumpstatus.json", problem.Path, StringComparison.Ordinal);
        Assert.Contains("malformed JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_KeepOverride_AppliesToEveryClass()
    {
        using var tree = new TreeBuilder();
        foreach (var wiki in new[] { "enwiki", "dewiki", "aawiki" })
        {
            for (var month = 1; month <= 4; month++)
            {
                tree.Run(wiki, $"2026{month:00}01");
            }
        }

        var plan = CleanupPlanner.Plan(tree.Root, new RetentionRules(new RetentionConfig(), keepOverride: 3), Now);

        Assert.Equal(["public/aawiki/20260101", "public/dewiki/20260101", "public/enwiki/20260101"], plan.Removals.Select(r => r.RelativePath).Order(StringComparer.Ordinal));
    }

    private static string Strip(string relative) => relative["public/".Length..];

    private static (RetentionConfig Config, string[] Removed, (string Path, string Reason)[] Held) Build(string name, TreeBuilder tree)
    {
        switch (name)
        {
            case "wiki in no class keeps default_keep good runs":
                Runs(tree, "aawiki", 5);
                return (new RetentionConfig { DefaultKeep = 3 }, ["aawiki/20260101", "aawiki/20260201"], []);
            case "fewer good runs than keep removes nothing":
                Runs(tree, "aawiki", 3);
                return (new RetentionConfig { DefaultKeep = 5 }, [], []);
            case "newest run in progress stays, older good ones go":
                Runs(tree, "aawiki", 4);
                tree.Run("aawiki", "20260501", "in-progress");
                return (new RetentionConfig { DefaultKeep = 2 }, ["aawiki/20260101", "aawiki/20260201"], []);
            case "old run still in progress is held":
                tree.Run("aawiki", "20260101");
                tree.Run("aawiki", "20260201", "in-progress");
                tree.Run("aawiki", "20260301");
                tree.Run("aawiki", "20260401");
                return (new RetentionConfig { DefaultKeep = 2 }, ["aawiki/20260101"], [("aawiki/20260201", "in progress")]);
            case "failed runs older than the kept good runs go":
                tree.Run("aawiki", "20260101", "failed");
                tree.Run("aawiki", "20260201");
                tree.Run("aawiki", "20260301", "failed");
                tree.Run("aawiki", "20260401");
                tree.Run("aawiki", "20260501");
                return (new RetentionConfig { DefaultKeep = 2 }, ["aawiki/20260101", "aawiki/20260201", "aawiki/20260301"], []);
            case "failed run between kept good runs stays":
                tree.Run("aawiki", "20260101");
                tree.Run("aawiki", "20260201");
                tree.Run("aawiki", "20260301", "failed");
                tree.Run("aawiki", "20260401");
                return (new RetentionConfig { DefaultKeep = 2 }, ["aawiki/20260101"], []);
            case "latest/ into an old run holds it":
                Runs(tree, "aawiki", 4);
                tree.Latest("aawiki", "20260101");
                return (new RetentionConfig { DefaultKeep = 2 }, ["aawiki/20260201"], [("aawiki/20260101", "latest/ points into it")]);
            case "wiki classes from the defaults: huge 7, big 8, default 10":
                Runs(tree, "enwiki", 11);
                Runs(tree, "dewiki", 11);
                Runs(tree, "xxwiki", 11);
                return (new RetentionConfig(), [.. Dates("enwiki", 4), .. Dates("dewiki", 3), .. Dates("xxwiki", 1)], []);
            case "unreadable dumpstatus.json holds the run":
                tree.Run("aawiki", "20260101", rawStatus: "{not json");
                tree.Run("aawiki", "20260201");
                tree.Run("aawiki", "20260301");
                return (new RetentionConfig { DefaultKeep = 1 }, ["aawiki/20260201"], [("aawiki/20260101", "status unreadable")]);
            case "missing dumpstatus.json holds the run":
                tree.Run("aawiki", "20260101", status: null);
                tree.Run("aawiki", "20260201");
                tree.Run("aawiki", "20260301");
                return (new RetentionConfig { DefaultKeep = 1 }, ["aawiki/20260201"], [("aawiki/20260101", "status unreadable")]);
            case "newest run without status (sync brings it last) stays":
                tree.Run("aawiki", "20260101");
                tree.Run("aawiki", "20260201");
                tree.Run("aawiki", "20260301", status: null);
                return (new RetentionConfig { DefaultKeep = 1 }, ["aawiki/20260101"], []);
            case "other dataset by count":
                foreach (var date in new[] { "20261102", "20261109", "20261116", "20261123" })
                {
                    tree.Dated("cirrussearch", date);
                }

                return (Other(new OtherRetentionConfig { Dataset = "cirrussearch", Keep = 2 }), ["other/cirrussearch/20261102", "other/cirrussearch/20261109"], []);
            case "other dataset by count per group one level down":
                foreach (var date in new[] { "20261104", "20261111", "20261118" })
                {
                    tree.Dated("wikibase", date, "wikidatawiki");
                }

                tree.Dated("wikibase", "20260101", "commonswiki");
                return (Other(new OtherRetentionConfig { Dataset = "wikibase", Keep = 2 }), ["other/wikibase/wikidatawiki/20261104"], []);
            case "other dataset guards: symlink target and .inprog":
                tree.Dated("cirrussearch", "20261102");
                tree.Dated("cirrussearch", "20261109", inProgress: true);
                tree.Dated("cirrussearch", "20261116");
                tree.Dated("cirrussearch", "20261123");
                File.CreateSymbolicLink(Path.Combine(tree.Public, "other", "cirrussearch", "latest.json.gz"), "20261102/cirrussearch-20261102.json.gz");
                return (
                    Other(new OtherRetentionConfig { Dataset = "cirrussearch", Keep = 1 }),
                    ["other/cirrussearch/20261116"],
                    [("other/cirrussearch/20261102", "symlink"), ("other/cirrussearch/20261109", "in progress")]);
            case "other dataset by age":
                foreach (var date in new[] { "20261001", "20261025", "20261105", "20261123" })
                {
                    tree.Dated("cirrussearch", date);
                }

                return (Other(new OtherRetentionConfig { Dataset = "cirrussearch", MaxAge = TimeSpan.FromDays(30) }), ["other/cirrussearch/20261001", "other/cirrussearch/20261025"], []);
            case "flat dataset by age spares link targets":
                tree.OtherFile("pageviews", "2026/2026-10/a.gz", Now.UtcDateTime.AddDays(-60));
                tree.OtherFile("pageviews", "2026/2026-10/b.gz", Now.UtcDateTime.AddDays(-40));
                tree.OtherFile("pageviews", "2026/2026-11/c.gz", Now.UtcDateTime.AddDays(-10));
                tree.OtherFile("pageviews", "2026/2026-10/partial.gz.inprog", Now.UtcDateTime.AddDays(-90));
                File.CreateSymbolicLink(Path.Combine(tree.Public, "other", "pageviews", "first.gz"), "2026/2026-10/a.gz");
                return (Other(new OtherRetentionConfig { Dataset = "pageviews", MaxAge = TimeSpan.FromDays(30) }), ["other/pageviews/2026/2026-10/b.gz"], []);
            case "flat dataset with a count: nothing removed, a note":
                tree.OtherFile("kiwix", "zim/a.zim", Now.UtcDateTime.AddDays(-400));
                return (Other(new OtherRetentionConfig { Dataset = "kiwix", Keep = 3 }), [], []);
            case "other dataset without a rule keeps everything":
                foreach (var date in new[] { "20250101", "20250201", "20250301" })
                {
                    tree.Dated("cirrussearch", date);
                }

                return (new RetentionConfig { Other = [new OtherRetentionConfig { Dataset = "pageviews", Keep = 1 }] }, [], []);
            default:
                throw new ArgumentException(name);
        }
    }

    private static void Runs(TreeBuilder tree, string wiki, int count)
    {
        foreach (var date in AllDates(count))
        {
            tree.Run(wiki, date);
        }
    }

    private static IEnumerable<string> Dates(string wiki, int count) => AllDates(count).Select(d => $"{wiki}/{d}");

    private static IEnumerable<string> AllDates(int count) =>
        Enumerable.Range(0, count).Select(i => new DateOnly(2026, 1, 1).AddMonths(i).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));

    private static RetentionConfig Other(OtherRetentionConfig rule) => new() { Other = [rule] };
}
