using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Configuration.Source;

/// <summary>
/// Loads the cluster file with every validation rule and keeps the last good snapshot. Changes
/// are noticed by <see cref="ReloadIfChanged"/> (called by <see cref="ClusterConfigWatcher"/>);
/// a file that no longer loads is logged, error by error with its position, and the running
/// snapshot stays.
/// </summary>
public sealed partial class ClusterConfigSource : IClusterConfigSource
{
    private readonly Lock _gate = new();
    private readonly List<Action<ClusterConfig, ClusterConfig>> _subscribers = [];
    private readonly ILogger _logger;
    private ClusterConfig _current;
    private FileStamp _stamp;
    private long _generation = 1;

    private ClusterConfigSource(string path, ClusterConfig initial, FileStamp stamp, ILogger logger)
    {
        Path = path;
        _current = initial;
        _stamp = stamp;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Path { get; }

    /// <inheritdoc />
    public ClusterConfig Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <inheritdoc />
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Loads <paramref name="path"/>; returns null with every error when it does not load, so a
    /// command can print them and exit 2 before anything starts.
    /// </summary>
    public static ClusterConfigSource? Open(string path, ILogger logger, out IReadOnlyList<ConfigError> errors)
    {
        var full = System.IO.Path.GetFullPath(path);
        var stamp = FileStamp.Of(full);
        var loaded = ClusterConfigLoader.Load(full);
        errors = loaded.Errors;
        if (!loaded.Success)
        {
            return null;
        }

        LogLeftOut(logger, loaded);
        return new ClusterConfigSource(full, loaded.Config, stamp, logger);
    }

    /// <summary>A source over an already loaded snapshot (tests, and commands given a config object).</summary>
    public static ClusterConfigSource FromSnapshot(string path, ClusterConfig config, ILogger logger) =>
        new(System.IO.Path.GetFullPath(path), config, FileStamp.Of(System.IO.Path.GetFullPath(path)), logger);

    /// <inheritdoc />
    public IDisposable Subscribe(Action<ClusterConfig, ClusterConfig> onChange)
    {
        lock (_gate)
        {
            _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    /// <inheritdoc />
    public bool ReloadIfChanged()
    {
        var stamp = FileStamp.Of(Path);
        lock (_gate)
        {
            if (stamp == _stamp)
            {
                return false;
            }

            _stamp = stamp;
        }

        var loaded = ClusterConfigLoader.Load(Path);
        if (!loaded.Success)
        {
            foreach (var error in loaded.Errors)
            {
                LogReloadError(_logger, error.ToString());
            }

            LogKeptRunning(_logger, Path, loaded.Errors.Count);
            return false;
        }

        ClusterConfig previous;
        Action<ClusterConfig, ClusterConfig>[] subscribers;
        lock (_gate)
        {
            previous = _current;
            _current = loaded.Config;
            subscribers = [.. _subscribers];
        }

        Interlocked.Increment(ref _generation);
        LogReloaded(_logger, Path);
        LogLeftOut(_logger, loaded);
        foreach (var subscriber in subscribers)
        {
            try
            {
                subscriber(previous, loaded.Config);
            }
            catch (Exception e)
            {
                LogSubscriberFailed(_logger, e);
            }
        }

        return true;
    }

    private void Unsubscribe(Action<ClusterConfig, ClusterConfig> onChange)
    {
        lock (_gate)
        {
            _subscribers.Remove(onChange);
        }
    }

    /// <summary>Entries the snapshot was loaded without (a mirror with a bad address) are logged each time it loads.</summary>
    private static void LogLeftOut(ILogger logger, ClusterConfigLoadResult loaded)
    {
        foreach (var problem in loaded.LeftOut)
        {
            LogEntryLeftOut(logger, problem.ToString());
        }
    }

    [LoggerMessage(1005, LogLevel.Warning, "{Problem}")]
    private static partial void LogEntryLeftOut(ILogger logger, string problem);

    [LoggerMessage(1001, LogLevel.Error, "{Error}")]
    private static partial void LogReloadError(ILogger logger, string error);

    [LoggerMessage(1002, LogLevel.Error, "Cluster file {Path} has {Count} error(s); the running configuration stays in force")]
    private static partial void LogKeptRunning(ILogger logger, string path, int count);

    [LoggerMessage(1003, LogLevel.Information, "Cluster file {Path} reloaded")]
    private static partial void LogReloaded(ILogger logger, string path);

    [LoggerMessage(1004, LogLevel.Error, "A part failed to apply the new cluster file")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception exception);

    private sealed class Subscription(ClusterConfigSource source, Action<ClusterConfig, ClusterConfig> onChange) : IDisposable
    {
        public void Dispose() => source.Unsubscribe(onChange);
    }
}
