namespace DumpDist.Core.Tree;

/// <summary>A dated run directory of one wiki, with its status as read from dumpstatus.json.</summary>
public sealed record DumpRun(string Wiki, string Date, string DirectoryPath, DumpStatus? Status, TreeProblem? StatusProblem)
{
    /// <summary>The run's state; <see cref="RunState.Unknown"/> when its status could not be read.</summary>
    public RunState State => Status?.RunState ?? RunState.Unknown;

    /// <summary>True when every job is done or skipped.</summary>
    public bool IsGood => State == RunState.Good;

    /// <summary>Reads the run's checksum file (<c>.txt</c>) for <paramref name="algorithm"/>.</summary>
    public ReadResult<ChecksumSet> ReadChecksums(ChecksumAlgorithm algorithm) =>
        ChecksumFile.Read(Path.Combine(DirectoryPath, ChecksumFile.RunFileName(Wiki, Date, algorithm)));

    /// <summary>Names of the publishable data files on disk: not status/index files, not in progress.</summary>
    public IReadOnlyList<string> ListDataFiles() =>
        Directory.EnumerateFiles(DirectoryPath)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !PublishRules.IsInProgressFileName(n) && !PublishRules.IsStatusOrIndexFile(n))
            .Order(StringComparer.Ordinal)
            .ToList();
}
