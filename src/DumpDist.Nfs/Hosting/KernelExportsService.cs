using DumpDist.Nfs.Exports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Hosting;

/// <summary>Applies the kernel exports when the node starts (the exports change only with the cluster file).</summary>
public sealed partial class KernelExportsService(KernelExportsApplier applier, string content, ILogger<KernelExportsService> logger) : IHostedService
{
    /// <summary>The outcome of the apply at start, for the status page.</summary>
    public ExportsApplyResult? LastResult { get; private set; }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        LastResult = await applier.ApplyAsync(content, cancellationToken);
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
