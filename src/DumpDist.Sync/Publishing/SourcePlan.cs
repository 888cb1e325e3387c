using DumpDist.Core.Tree;
using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// A dry run (`rsync -n --stats`) of the whole pass, before anything changes: how many
/// publishable files the source has (for the guard), and which data and status/index files
/// differ. The stages then name only those files, so an unchanged tree costs one rsync walk.
/// </summary>
public sealed class SourcePlan
{
    private readonly List<ItemizedChange> _data = [];
    private readonly List<ItemizedChange> _status = [];
    private readonly List<ItemizedChange> _deletions = [];

    /// <summary>The dry run.</summary>
    public RsyncResult Rsync { get; private set; } = null!;

    /// <summary>Publishable regular files and symlinks on the source (null if rsync printed no stats).</summary>
    public long? SourceFiles { get; private set; }

    /// <summary>Data files and symlinks that differ.</summary>
    public IReadOnlyList<ItemizedChange> Data => _data;

    /// <summary>Status/index files (and latest/ entries) that differ.</summary>
    public IReadOnlyList<ItemizedChange> Status => _status;

    /// <summary>Deletions a mirror-exact pass would make.</summary>
    public IReadOnlyList<ItemizedChange> Deletions => _deletions;

    /// <summary>Runs the dry run of <paramref name="options"/>.</summary>
    public static async Task<SourcePlan> CreateAsync(RsyncRunner runner, SyncPassOptions options, CancellationToken cancellationToken)
    {
        var plan = new SourcePlan();
        plan.Rsync = await runner.RunAsync(StageArguments.Plan(options), plan.Add, cancellationToken, ioTimeout: options.Transfer.IoTimeout);
        return plan;
    }

    private void Add(string line)
    {
        if (ItemizedChange.TryParse(line) is { } change)
        {
            if (change.IsDeletion)
            {
                _deletions.Add(change);
            }
            else if (change.Itemize[1] is 'f' or 'L')
            {
                (PublishRules.IsStatusOrIndexFile(change.Path) ? _status : _data).Add(change);
            }

            return;
        }

        if (RsyncStats.TryParseFileCount(line) is { } files)
        {
            SourceFiles = files;
        }
    }
}
