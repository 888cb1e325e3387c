using DumpDist.Nfs.Exports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Hosting;

/// <summary>Applies the kernel exports when the node starts, and again when the cluster file's NFS clients change.</summary>
public sealed partial class KernelExportsService(KernelExportsApplier applier, string content, ILogger<KernelExportsService> logger) : IHostedService
{
    private readonly SemaphoreSlim _applying = new(1, 1);
    private string _content = content;

    /// <summary>The outcome of the apply at start, for the status page.</summary>
    public ExportsApplyResult? LastResult { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ApplyCoreAsync(_content, cancellationToken);
    }

    /// <summary>Writes and applies <paramref name="exports"/> (<c>exportfs -ra</c>) when it differs from what is in force; false when it was the same.</summary>
    public async Task<bool> UpdateAsync(string exports, CancellationToken cancellationToken)
    {
        if (string.Equals(Volatile.Read(ref _content), exports, StringComparison.Ordinal))
        {
            return false;
        }

        await ApplyCoreAsync(exports, cancellationToken);
        return true;
    }

    private async Task ApplyCoreAsync(string exports, CancellationToken cancellationToken)
    {
        await _applying.WaitAsync(cancellationToken);
        try
        {
            LastResult = await applier.ApplyAsync(exports, cancellationToken);
            if (LastResult.Applied)
            {
                Volatile.Write(ref _content, exports);
            }
        }
        finally
        {
            _applying.Release();
        }

        if (LastResult.Applied)
        {
            Applied(logger, LastResult.Detail);
        }
        else
        {
            // The node keeps serving web and rsync; NFS keeps its previous exports and the metric says so.
            Refused(logger, LastResult.Detail);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "NFS exports applied: {Detail}")]
    private static partial void Applied(ILogger logger, string detail);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Error, Message = "NFS exports refused: {Detail}")]
    private static partial void Refused(ILogger logger, string detail);
}
