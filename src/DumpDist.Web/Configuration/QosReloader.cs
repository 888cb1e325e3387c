using DumpDist.Core.Configuration;
using DumpDist.Web.Logging;
using DumpDist.Web.Qos;
using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Configuration;

/// <summary>
/// Re-reads the cluster file when its mtime changes and swaps in the new QoS settings, so limits,
/// block lists and trusted proxies change without a restart. A file that no longer loads is
/// reported (every error, file:line) and the settings in force stay.
/// </summary>
internal sealed class QosReloader(string configPath, QosSettingsSource target, TimeProvider time, ILogger logger)
{
    private DateTime _stamp = File.GetLastWriteTimeUtc(configPath);

    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                CheckOnce();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Reloads if the file changed; returns true when new settings were applied.</summary>
    public bool CheckOnce()
    {
        DateTime stamp;
        try
        {
            stamp = File.GetLastWriteTimeUtc(configPath);
        }
        catch (IOException)
        {
            return false;
        }

        if (stamp == _stamp)
        {
            return false;
        }

        _stamp = stamp;
        var result = ClusterConfigLoader.Load(configPath);
        if (!result.Success)
        {
            foreach (var error in result.Errors)
            {
                WebLog.ReloadFailed(logger, error.ToString());
            }

            return false;
        }

        target.Update(QosSettingsMapper.From(result.Config!.Qos));
        WebLog.QosReloaded(logger);
        return true;
    }
}
