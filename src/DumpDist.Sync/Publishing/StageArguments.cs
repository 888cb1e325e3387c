using DumpDist.Core.Tree;
using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// The rsync argument lists of a pass. Stage 1 brings data (never in-progress files, excluded
/// directories or status/index files) into the destination; stage 2 brings only status/index
/// files, into <see cref="StagingDirectory"/>, from where the pass publishes them once the data
/// is complete. Every file is swapped in whole (a temp file renamed over, never --inplace); the
/// temp directory rsync uses for an interrupted file is <see cref="PartialDirectory"/>. Nothing
/// serves either directory.
/// </summary>
public static class StageArguments
{
    /// <summary>rsync's --delay-updates directory (in each destination directory); never published.</summary>
    public const string PartialDirectory = ".~tmp~";

    /// <summary>Where stage 2 puts status/index files until they are published (at the destination's top).</summary>
    public const string StagingDirectory = ".~dumpdist-staging~";

    private const string Attributes = "-rlpt";
    private const string ListedAttributes = "-lpt";

    /// <summary>
    /// The dry run that plans a pass: every publishable file (never-published excluded), with
    /// the deletions a mirror-exact dataset would make, itemized, plus --stats for the counts.
    /// </summary>
    public static List<string> Plan(SyncPassOptions options)
    {
        var arguments = new List<string> { Attributes, "--dry-run", "--stats", "--no-h", "--out-format=" + ItemizedChange.OutFormat };
        AddNeverPublished(arguments);
        if (options.MirrorExact)
        {
            arguments.Add("--delete-delay");
            arguments.Add($"--max-delete={Math.Max(0, options.MaxDelete)}");
        }

        AddNetwork(arguments, options.Source, options.Transfer, withBandwidth: false);
        arguments.Add(options.Source.Value);
        arguments.Add(WithSlash(options.Destination));
        return arguments;
    }

    /// <summary>
    /// Stage 1 for datasets that never delete: only the data files the plan showed to differ
    /// (see <see cref="SourcePlan"/>), so an unchanged tree costs one walk, not two.
    /// </summary>
    public static List<string> DataListed(SyncPassOptions options, string listFile) =>
        Listed(options, listFile, options.Destination, checksum: false);

    /// <summary>
    /// Stage 1 as one filtered rsync walk: an initial copy, or a mirror-exact dataset (with
    /// deletions). --stats gives the source's data file count when there was no plan.
    /// </summary>
    public static List<string> Data(SyncPassOptions options)
    {
        var arguments = Common(Attributes);
        arguments.Add("--stats");
        arguments.Add("--no-h");
        AddNeverPublished(arguments);
        foreach (var pattern in PublishRules.RsyncStatusAndIndexPatterns)
        {
            arguments.Add("--exclude=" + pattern);
        }

        if (options.MirrorExact)
        {
            arguments.Add("--delete-delay");
            arguments.Add($"--max-delete={Math.Max(0, options.MaxDelete)}");
        }

        return Finish(arguments, options, options.Destination);
    }

    /// <summary>
    /// Stage 2 as one filtered walk into <paramref name="stagingDirectory"/>: every status/index
    /// file that differs from the destination's (--compare-dest), with --stats for their count.
    /// </summary>
    public static List<string> StatusWalk(SyncPassOptions options, string stagingDirectory)
    {
        var arguments = Common(Attributes);
        arguments.Add("--stats");
        arguments.Add("--no-h");
        arguments.Add("--prune-empty-dirs");
        arguments.Add("--compare-dest=" + Path.GetFullPath(options.Destination));
        AddNeverPublished(arguments);
        foreach (var pattern in PublishRules.RsyncStatusAndIndexPatterns)
        {
            // A directory pattern (latest/) brings the directory and all it holds.
            arguments.Add("--include=" + (pattern.EndsWith('/') ? pattern + "***" : pattern));
        }

        arguments.Add("--include=*/");
        arguments.Add("--exclude=*");
        return Finish(arguments, options, stagingDirectory);
    }

    /// <summary>
    /// Stage 2: the status and index files named in <paramref name="listFile"/> (NUL-separated
    /// <see cref="RsyncEndpoint.FilesFromEntry"/> entries, relative to the source root), into
    /// <paramref name="stagingDirectory"/>.
    /// </summary>
    public static List<string> Status(SyncPassOptions options, string listFile, string stagingDirectory) =>
        Listed(options, listFile, stagingDirectory, checksum: false);

    /// <summary>Files that failed verification, fetched again comparing content (-c) not size and mtime.</summary>
    public static List<string> Refetch(SyncPassOptions options, string listFile) =>
        Listed(options, listFile, options.Destination, checksum: true);

    private static List<string> Listed(SyncPassOptions options, string listFile, string destination, bool checksum)
    {
        var arguments = Common(ListedAttributes);
        if (checksum)
        {
            arguments.Add("--checksum");
        }

        // A file the listing saw may be gone by now (source retention): not an error.
        arguments.Add("--ignore-missing-args");
        arguments.Add("--from0");
        arguments.Add("--files-from=" + listFile);
        AddNetwork(arguments, options.Source, options.Transfer, withBandwidth: true);
        arguments.Add(options.Source.Root);
        arguments.Add(WithSlash(destination));
        return arguments;
    }

    /// <remarks>
    /// Every file is swapped in whole: rsync writes a dot temp file and renames it over (never
    /// --inplace), and an interrupted transfer waits in the partial dir for the next pass. No stage
    /// uses --delay-updates: status/index files are staged and published by the pass (a run's
    /// files appear together, and only after its data), and for data it cost about 40% of an
    /// initial copy on fast storage (a second rename per file, a staging dir per directory).
    /// The per-file lines go to rsync's log file (see <see cref="RsyncRunner.RunAsync"/>), not stdout.
    /// </remarks>
    private static List<string> Common(string attributes) =>
        [attributes, "--partial-dir=" + PartialDirectory, "--log-file-format=" + ItemizedChange.OutFormat];

    private static List<string> Finish(List<string> arguments, SyncPassOptions options, string destination)
    {
        AddNetwork(arguments, options.Source, options.Transfer, withBandwidth: true);
        arguments.Add(options.Source.Value);
        arguments.Add(WithSlash(destination));
        return arguments;
    }

    private static string WithSlash(string directory) => directory.EndsWith('/') ? directory : directory + "/";

    private static void AddNeverPublished(List<string> arguments)
    {
        arguments.Add("--exclude=" + PartialDirectory + "/");
        arguments.Add("--exclude=/" + StagingDirectory + "/");
        foreach (var pattern in PublishRules.RsyncNeverPublishedPatterns)
        {
            arguments.Add("--exclude=" + pattern);
        }
    }

    private static void AddNetwork(List<string> arguments, RsyncEndpoint source, RsyncTransferOptions transfer, bool withBandwidth)
    {
        (withBandwidth ? transfer : transfer with { BandwidthLimit = null }).AppendArguments(arguments, source);
    }
}
