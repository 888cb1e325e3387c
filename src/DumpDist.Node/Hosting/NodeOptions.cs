using DumpDist.Nfs.Exports;

namespace DumpDist.Node.Hosting;

/// <summary>Process-local choices of <c>dumpdist node</c> (everything shared lives in the cluster file).</summary>
internal sealed class NodeOptions
{
    /// <summary>This host's name in the cluster file.</summary>
    public required string HostName { get; init; }

    /// <summary>The NFS server to run: ganesha (supervised) or the kernel's (exportfs); null picks kernel when /proc/fs/nfsd exists, else ganesha.</summary>
    public ExportsFormat? NfsServer { get; init; }

    /// <summary>Access log of the web service (nginx combined), or null.</summary>
    public string? AccessLogPath { get; init; }

    /// <summary>How often the cluster file is checked for edits.</summary>
    public TimeSpan ConfigPollInterval { get; init; } = TimeSpan.FromSeconds(2);
}
