using DumpDist.Core.Tree;
using DumpDist.Retention.Execution;
using DumpDist.Retention.IO;
using DumpDist.Retention.Planning;

namespace DumpDist.Retention.Capacity;

/// <summary>
/// Walks a tree once (as <c>du</c> does), adds every entry to its run, dated entry, wiki or dataset,
/// and models growth from the tree's own history: runs arrive at the observed interval, each the
/// size of the newest kept ones and growing by the observed trend, until retention's count is full.
/// </summary>
internal sealed class CapacityAnalyzer(TimeProvider time)
{
    /// <summary>How far ahead the fill date is looked for (10 years).</summary>
    public const int HorizonDays = 3650;

    private const double DefaultIntervalDays = 15; // production: twice a month
    private const string TrashGroup = "trash";
    private const string PublicGroup = "public";
    private const string OutsideGroup = "outside public";

    public CapacityReport Analyze(RetentionTarget target, PassProgress? progress = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        // The tree model reads every dumpstatus.json while the walk stats every entry: on two cores, at once.
        progress?.Start("walking");
        var layout = TreeLayout.Read(target.Root);
        var scanning = Task.Run(() => layout.Wikis.Select(w => WikiHistory.Read(target.Root, w)).ToList(), cancellationToken);
        var map = new UsageMap();
        var walked = 0L;
        DiskUsage.Walk(target.Root, includeRoot: true, (ReadOnlySpan<char> path, in FileStat stat) =>
        {
            map.Count(path, stat);
            if ((++walked & 0x3FF) == 0)
            {
                progress?.Advance(0x400);
            }
        }, cancellationToken);
        var histories = scanning.GetAwaiter().GetResult();
        var settled = UsageParts.Settle(map, target.Root, histories, layout.OtherDatasets);
        var (publicFiles, trash, outside) = (settled.Public, settled.Trash, settled.Outside);
        var wikiBuckets = settled.Wikis;
        var datasetBuckets = settled.Datasets;

        var interval = MedianInterval(histories.Select(w => w.Runs.Select(r => Date(r.Date)).ToList())) ?? DefaultIntervalDays;
        var wikis = new List<WikiCapacity>();
        var groups = new List<CapacityGroup>();
        var models = new List<Func<double, double>>();
        var unbounded = new List<string>();
        var steady = 0.0;
        foreach (var byClass in histories.GroupBy(w => target.Rules.ForWiki(w.Name)).OrderBy(g => g.Key.ClassName, StringComparer.Ordinal))
        {
            var series = new List<DatedSeries>();
            var totals = default(UsageTotals);
            foreach (var wiki in byClass)
            {
                var (wikiBucket, runBuckets) = wikiBuckets[wiki];
                var runs = wiki.Runs.Select((r, i) => (Run: r, Bytes: runBuckets[i].Totals.Allocated)).ToList();
                var sample = runs.Where(r => r.Run.IsGood).Select(r => (Date(r.Run.Date), r.Bytes)).ToList();
                if (sample.Count == 0)
                {
                    sample = runs.Select(r => (Date(r.Run.Date), r.Bytes)).ToList();
                }

                var dates = runs.Select(r => Date(r.Run.Date)).ToList();
                var model = new DatedSeries(sample, dates, byClass.Key.Keep, MedianInterval([dates]) ?? interval, today);
                series.Add(model);
                var wikiTotals = runBuckets.Aggregate(wikiBucket.Totals, (sum, b) => sum + b.Totals);
                totals += wikiTotals;
                var fixedBytes = wikiBucket.Totals.Allocated;
                models.Add(d => model.At(d) + fixedBytes);
                wikis.Add(new WikiCapacity(wiki.Name, byClass.Key.ClassName, byClass.Key.Keep, runs.Count, runs.Count(r => r.Run.IsGood), wikiTotals.Allocated, Round(model.MeanBytes), Round(model.SlopeBytesPerDay), model.IntervalDays, Round(model.SteadyStateBytes!.Value) + fixedBytes));
            }

            var groupSteady = series.Sum(s => s.SteadyStateBytes!.Value) + byClass.Sum(w => wikiBuckets[w].Wiki.Totals.Allocated);
            steady += groupSteady;
            groups.Add(new CapacityGroup(
                $"wikis/{byClass.Key.ClassName}", $"keep {byClass.Key.Keep}", byClass.Count(), series.Sum(s => s.Count), totals.Allocated, totals.Apparent, totals.Entries,
                Round(series.Sum(s => s.MeanBytes)), Round(Growth(series.Select(s => (Func<double, double>)s.At))), Round(groupSteady)));
        }

        foreach (var (dataset, (datasetBucket, datedGroups)) in datasetBuckets.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal))
        {
            var rule = target.Rules.ForOther(dataset.Name);
            var name = $"{DumpTree.OtherDirectoryName}/{dataset.Name}";
            var parts = new List<Func<double, double>>();
            double? groupSteady = 0;
            var itemBytes = 0.0;
            var totals = datasetBucket.Totals;
            if (datedGroups.Count == 0)
            {
                var flat = new FlatSeries(datasetBucket.Totals.Allocated, datasetBucket.OldestFile, datasetBucket.NewestFile, rule?.MaxAge);
                parts.Add(flat.At);
                groupSteady = flat.SteadyStateBytes;
            }
            else
            {
                var fixedBytes = datasetBucket.Totals.Allocated;
                parts.Add(_ => fixedBytes);
                groupSteady = fixedBytes;
                foreach (var (group, entries) in datedGroups)
                {
                    var dates = group.Dates.Select(Date).ToList();
                    var observed = MedianInterval([dates]) ?? 7;
                    int? keep = rule?.Keep ?? (rule?.MaxAge is { } age ? Math.Max(1, (int)Math.Ceiling(age.TotalDays / observed)) : null);
                    var model = new DatedSeries(dates.Zip(entries, (date, e) => (date, e.Totals.Allocated)).ToList(), dates, keep, observed, today);
                    parts.Add(model.At);
                    groupSteady = model.SteadyStateBytes is { } s ? groupSteady + s : null;
                    itemBytes += model.MeanBytes;
                    totals = entries.Aggregate(totals, (sum, e) => sum + e.Totals);
                }
            }

            if (groupSteady is null)
            {
                unbounded.Add(name);
            }

            steady += groupSteady ?? totals.Allocated;
            models.AddRange(parts);
            groups.Add(new CapacityGroup(
                name, RuleText(rule), datedGroups.Count, datedGroups.Sum(g => g.Entries.Count), totals.Allocated, totals.Apparent, totals.Entries,
                Round(itemBytes), Round(Growth(parts)), groupSteady is { } bounded ? Round(bounded) : null));
        }

        foreach (var (name, totals) in new[] { (PublicGroup, publicFiles), (TrashGroup, trash), (OutsideGroup, outside) })
        {
            var fixedBytes = totals.Allocated;
            steady += name == TrashGroup ? 0 : fixedBytes;
            models.Add(_ => name == TrashGroup ? 0 : fixedBytes);
            groups.Add(new CapacityGroup(name, "-", 0, 0, totals.Allocated, totals.Apparent, totals.Entries, 0, 0, name == TrashGroup ? 0 : fixedBytes));
        }

        var total = map.Total;
        var volume = CapacityVolume.Of(target.Root);
        return new CapacityReport
        {
            Host = target.Host,
            Root = target.Root,
            Measured = now,
            Total = total,
            Volume = volume,
            Groups = groups,
            Wikis = wikis,
            SteadyStateBytes = Round(steady),
            Unbounded = unbounded,
            GrowthBytesPerDay = Round(Growth(models)),
            VolumeFull = volume is null ? null : FillDay(models, Math.Max(0, volume.UsedBytes - total.Allocated), volume.UsableBytes, today),
        };
    }

    private static DateOnly? FillDay(List<Func<double, double>> models, long otherOnVolume, long usable, DateOnly today)
    {
        for (var day = 0; day <= HorizonDays; day++)
        {
            var used = otherOnVolume + models.Sum(m => m(day));
            if (used >= usable)
            {
                return today.AddDays(day);
            }
        }

        return null;
    }

    private static double Growth(IEnumerable<Func<double, double>> models)
    {
        var list = models.ToList();
        return (list.Sum(m => m(365)) - list.Sum(m => m(0))) / 365;
    }

    private static double? MedianInterval(IEnumerable<IReadOnlyList<DateOnly>> series)
    {
        var gaps = series.SelectMany(dates => dates.Zip(dates.Skip(1), (a, b) => (double)(b.DayNumber - a.DayNumber))).Where(g => g > 0).Order().ToList();
        return gaps.Count == 0 ? null : gaps[gaps.Count / 2];
    }

    private static string RuleText(Core.Configuration.OtherRetentionConfig? rule) =>
        rule?.Keep is { } keep ? $"keep {keep}" : rule?.MaxAge is { } age ? $"max_age {Durations.Format(age)}" : "keep everything";

    private static long Round(double value) => (long)Math.Round(value);

    private static DateOnly Date(string name) => RunDate.TryParse(name, out var date) ? date : default;

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path);
}
