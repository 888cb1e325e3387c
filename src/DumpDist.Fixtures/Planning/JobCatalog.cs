namespace DumpDist.Fixtures.Planning;

/// <summary>The jobs of a run in dumpstatus.json order, with production file names.</summary>
internal static class JobCatalog
{
    private static readonly (string Job, string Table, double Weight)[] Tables =
    [
        ("sitestable", "sites", 0.0005), ("imagetable", "image", 0.05), ("pagelinkstable", "pagelinks", 0.2),
        ("categorylinkstable", "categorylinks", 0.08), ("categorytable", "category", 0.005),
        ("templatelinkstable", "templatelinks", 0.06), ("externallinkstable", "externallinks", 0.08),
        ("langlinkstable", "langlinks", 0.03), ("userformergroupstable", "user_former_groups", 0.0002),
        ("usergroupstable", "user_groups", 0.0002), ("babeltable", "babel", 0.0003),
        ("pagerestrictionstable", "page_restrictions", 0.0005), ("protectedtitlestable", "protected_titles", 0.0005),
        ("redirecttable", "redirect", 0.005), ("iwlinkstable", "iwlinks", 0.01), ("geotagstable", "geo_tags", 0.002),
        ("pagepropstable", "page_props", 0.01), ("sitestatstable", "site_stats", 0.000001), ("pagetable", "page", 0.03),
        ("changetagstable", "change_tag", 0.02), ("changetagdeftable", "change_tag_def", 0.00001),
        ("imagelinkstable", "imagelinks", 0.04), ("linktargettable", "linktarget", 0.02),
        ("wbcentityusagetable", "wbc_entity_usage", 0.02),
    ];

    /// <summary>
    /// Jobs for a wiki whose big jobs are split in <paramref name="ranges"/> (none for small wikis) and whose
    /// history is split <paramref name="historyPieces"/> times per range.
    /// </summary>
    public static IReadOnlyList<JobTemplate> For(IReadOnlyList<PageRange> ranges, int historyPieces)
    {
        var split = ranges.Count > 1;
        var jobs = new List<JobTemplate>
        {
            Job("namespaces", "Namespaces for this wiki.", ("siteinfo-namespaces.json.gz", 0.000001)),
            Job("pagetitlesdump", "List of page titles in main namespace.", ("all-titles-in-ns0.gz", 0.004)),
            Job("allpagetitlesdump", "List of all page titles.", ("all-titles.gz", 0.01)),
        };
        foreach (var (job, table, weight) in Tables)
        {
            jobs.Add(Job(job, $"SQL dump of the {table} table.", ($"{table}.sql.gz", weight)));
        }

        // Each split job has a "recombine" job; on small wikis it exists and is skipped (no files).
        AddSplit(jobs, "xmlstubsdump", "First-pass for page XML data dumps.", ranges, false,
            ("stub-meta-history", ".xml.gz", 0.25, false), ("stub-meta-current", ".xml.gz", 0.06, false), ("stub-articles", ".xml.gz", 0.04, false));
        AddSplit(jobs, "abstractsdump", "Extracted page abstracts.", ranges, false, ("abstract", ".xml.gz", 0.04, false));
        jobs.Add(Job("xmlpagelogsdump", "Log events to all pages and users.", ("pages-logging.xml.gz", 0.03)));
        AddSplit(jobs, "articlesdump", "Articles, templates, media/file descriptions, and primary meta-pages.", ranges, false,
            ("pages-articles", ".xml", 0.55, true));
        AddSplit(jobs, "metacurrentdump", "All pages, current versions only.", ranges, false, ("pages-meta-current", ".xml", 1.0, true));
        AddSplit(jobs, "articlesmultistreamdump", "Articles, templates, media/file descriptions, and primary meta-pages, in multiple bz2 streams, 100 pages per stream.", ranges, false,
            ("pages-articles-multistream", ".xml", 0.58, true), ("pages-articles-multistream-index", ".txt", 0.03, true));

        var history = split ? ranges.SelectMany(r => r.Subdivide(historyPieces)).ToList() : [];
        jobs.Add(HistoryJob("metahistorybz2dump", "All pages with complete page edit history (.bz2).", history, ".bz2", 3.0));
        jobs.Add(HistoryJob("metahistory7zdump", "All pages with complete edit history (.7z).", history, ".7z", 0.6));
        return jobs;
    }

    private static JobTemplate Job(string name, string title, params (string, double)[] files) => new(name, title, files, false);

    private static JobTemplate HistoryJob(string name, string title, List<PageRange> pieces, string extension, double totalWeight)
    {
        if (pieces.Count == 0)
        {
            return new JobTemplate(name, title, [($"pages-meta-history.xml{extension}", totalWeight / 3)], true);
        }

        var files = pieces.Select(p => ($"pages-meta-history{p.Part}.xml-{p.Suffix}{extension}", totalWeight / pieces.Count)).ToList();
        return new JobTemplate(name, title, files, true);
    }

    /// <summary>
    /// A job and its recombine job. Split names: <c>BASE{n}.xml-p{a}p{b}.bz2</c> for page-ranged bz2 outputs,
    /// <c>BASE{n}.xml.gz</c> for the rest; the recombined (or unsplit) file is <c>BASE.xml.bz2</c> / <c>BASE.xml.gz</c>.
    /// </summary>
    private static void AddSplit(
        List<JobTemplate> jobs,
        string name,
        string title,
        IReadOnlyList<PageRange> ranges,
        bool historyOnly,
        params (string Base, string Extension, double Weight, bool Ranged)[] outputs)
    {
        var split = ranges.Count > 1;
        var whole = outputs.Select(o => (Whole(o.Base, o.Extension, o.Ranged), o.Weight)).ToList();
        if (!split)
        {
            jobs.Add(new JobTemplate(name, title, whole, historyOnly));
            jobs.Add(new JobTemplate(name + "recombine", "Recombine " + char.ToLowerInvariant(title[0]) + title[1..], [], historyOnly));
            return;
        }

        var parts = new List<(string, double)>();
        foreach (var output in outputs)
        {
            foreach (var range in ranges)
            {
                var fileName = output.Ranged
                    ? $"{output.Base}{range.Part}{output.Extension}-{range.Suffix}.bz2"
                    : $"{output.Base}{range.Part}{output.Extension}";
                parts.Add((fileName, output.Weight / ranges.Count));
            }
        }

        jobs.Add(new JobTemplate(name, title, parts, historyOnly));
        jobs.Add(new JobTemplate(name + "recombine", "Recombine " + char.ToLowerInvariant(title[0]) + title[1..], whole, historyOnly));
    }

    private static string Whole(string baseName, string extension, bool ranged) =>
        ranged ? $"{baseName}{extension}.bz2" : $"{baseName}{extension}";
}
