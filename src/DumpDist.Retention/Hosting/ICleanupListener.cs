using DumpDist.Retention.Reporting;

namespace DumpDist.Retention.Hosting;

/// <summary>
/// Told after each daily pass that removed something, e.g. to regenerate the rsync modules' "last N
/// good runs" include lists. Register any number in DI; one that throws is logged and the others still run.
/// </summary>
public interface ICleanupListener
{
    /// <summary>Called with the pass's report.</summary>
    Task OnCleanupCompletedAsync(CleanupReport report, CancellationToken cancellationToken);
}
