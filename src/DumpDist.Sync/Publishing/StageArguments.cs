using DumpDist.Core.Tree;
using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// The rsync argument lists of a pass. Stage 1 brings data (never in-progress files, excluded
/// directories or status/index files); stage 2 brings only the status/index files the plan
/// found. Both swap files in whole (--delay-updates, never --inplace); the temp directory
/// rsync uses for that is <see cref="PartialDirectory"/>, which nothing serves.
/// </summary>
public static class StageArguments
{
    /// <summary>rsync's --delay-updates directory (in each destination directory); never published.</summary>
    public const string PartialDirectory = ".~tmp~";

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
        arguments.Add(options.Destination.EndsWith('/') ? options.Destination : options.Destination + "/");
        return arguments;
    }

    /// <summary>
    /// Stage 1 for datasets that never delete: only the data files the plan showed to differ
    /// (see <see cref="SourcePlan"/>), so an unchanged tree costs one walk, not two.
    /// </summary>
    public static List<string> DataListed(SyncPassOptions options, string listFile) =>
        Listed(options, listFile, checksum: false, delayUpdates: false);

    /// <summary>Stage 1 as a full rsync walk with deletions (mirror-exact datasets).</summary>
    public static List<string> Data(SyncPassOptions options)
    {
        var arguments = Common(Attributes, delayUpdates: false);
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

        return Finish(arguments, options);
    }

    /// <summary>
    /// Stage 2: the status and index files named in <paramref name="listFile"/> (NUL-separated
    /// <see cref="RsyncEndpoint.FilesFromEntry"/> entries, relative to the source root).
    /// </summary>
    public static List<string> Status(SyncPassOptions options, string listFile) =>
        Listed(options, listFile, checksum: false, delayUpdates: true);

    /// <summary>Files that failed verification, fetched again comparing content (-c) not size and mtime.</summary>
    public static List<string> Refetch(SyncPassOptions options, string listFile) =>
        Listed(options, listFile, checksum: true, delayUpdates: false);

    private static List<string> Listed(SyncPassOptions options, string listFile, bool checksum, bool delayUpdates)
    {
        var arguments = Common(ListedAttributes, delayUpdates);
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
        arguments.Add(options.Destination.EndsWith('/') ? options.Destination : options.Destination + "/");
        return arguments;
    }

    /// <remarks>
    /// Every file is swapped in whole either way: rsync writes a dot temp file and renames it over
    /// (never --inplace), and an interrupted transfer waits in the partial dir for the next pass.
    /// Stage 2 adds --delay-updates so a run's status and index files appear together; data files
    /// do not need that (status never precedes them, the stages see to it), and on fast storage it
    /// cost about 40% of an initial copy (a second rename per file, a staging dir per directory).
    /// </remarks>
    private static List<string> Common(string attributes, bool delayUpdates)
    {
        // A dry run ends after the plan, so the stages always change the destination.
        List<string> arguments = [attributes, "--partial-dir=" + PartialDirectory, "--out-format=" + ItemizedChange.OutFormat];
        if (delayUpdates)
        {
            arguments.Insert(1, "--delay-updates");
        }

        return arguments;
    }

    private static List<string> Finish(List<string> arguments, SyncPassOptions options)
    {
        AddNetwork(arguments, options.Source, options.Transfer, withBandwidth: true);
        arguments.Add(options.Source.Value);
        arguments.Add(options.Destination.EndsWith('/') ? options.Destination : options.Destination + "/");
        return arguments;
    }

    private static void AddNeverPublished(List<string> arguments)
    {
        arguments.Add("--exclude=" + PartialDirectory + "/");
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
