using DumpDist.Core.Configuration;
using DumpDist.Retention.Planning;
using DumpDist.Sync.State;

namespace DumpDist.Retention.Execution;

/// <summary>
/// One tree to clean: its root (the directory holding <c>public/</c>), where the sync locks live,
/// which lock guards which directory, and the rules.
/// </summary>
internal sealed record RetentionTarget(string Host, string Root, string StateDirectory, IReadOnlyList<LockScope> Locks, RetentionRules Rules)
{
    /// <summary>The dataset name of the one-off form's lock, as <c>dumpdist sync --dest DIR</c> takes it.</summary>
    public const string OneOffDataset = "default";

    /// <summary>Host <paramref name="hostName"/> of the cluster file; null and an error naming the host when it is not there.</summary>
    public static RetentionTarget? FromConfig(ClusterConfig config, string hostName, out string? error)
    {
        if (config.FindHost(hostName) is not { } host)
        {
            error = $"--host {hostName}: no such host in the cluster file (hosts: {string.Join(", ", config.Hosts.Select(h => h.Name))})";
            return null;
        }

        error = null;
        var locks = config.Datasets.Select(d => new LockScope(d.Name, Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(host.Root, d.Path.Trim('/')))))).ToList();
        return new RetentionTarget(host.Name, Path.GetFullPath(host.Root), host.StateDir, locks, new RetentionRules(config.Retention));
    }

    /// <summary>
    /// The one-off form: <paramref name="root"/> with production's default classes (or <paramref name="keep"/>
    /// for every wiki), and the lock a one-off <c>dumpdist sync --dest</c> of the same directory takes.
    /// </summary>
    public static RetentionTarget ForRoot(string root, string? stateDirectory, int? keep)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        return new RetentionTarget(
            Environment.MachineName,
            full,
            stateDirectory ?? StateDirectories.DefaultFor(full),
            [new LockScope(OneOffDataset, full)],
            new RetentionRules(new RetentionConfig(), keep));
    }
}
