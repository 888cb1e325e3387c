using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Processes;

/// <summary>What <see cref="ProcessSupervisor"/> runs and how it restarts it.</summary>
public sealed class ProcessSupervisorOptions
{
    /// <summary>The name in log messages (ganesha.nfsd, rsync daemon).</summary>
    public string Name { get; set; } = "child";

    /// <summary>
    /// Builds the child to run, called before each start (after <see cref="BeforeStartAsync"/>).
    /// Its output settings are kept, and each line is also logged: stdout at
    /// <see cref="OutputLevel"/>, stderr at <see cref="ErrorLevel"/>. Its
    /// <see cref="ChildProcessSpec.StopGrace"/> is the SIGTERM-to-SIGKILL deadline of every stop.
    /// </summary>
    public required Func<ChildProcessSpec> Spec { get; set; }

    /// <summary>Runs before each start (write the config file atomically, create directories); a failure counts as a failed start.</summary>
    public Func<CancellationToken, Task>? BeforeStartAsync { get; set; }

    /// <summary>Runs beside each started child (a startup check); its token is cancelled when the child exits or is stopped.</summary>
    public Func<ChildProcess, CancellationToken, Task>? WhileRunningAsync { get; set; }

    /// <summary>Called after each change of <see cref="ProcessSupervisor.Status"/> (metrics).</summary>
    public Action<ProcessSupervisorStatus>? StatusChanged { get; set; }

    /// <summary>Wait before the first restart after an exit or failed start; doubles each time up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between restarts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run at least this long resets the wait to <see cref="InitialBackoff"/>.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The level of the child's stdout lines in the log.</summary>
    public LogLevel OutputLevel { get; set; } = LogLevel.Information;

    /// <summary>The level of the child's stderr lines in the log.</summary>
    public LogLevel ErrorLevel { get; set; } = LogLevel.Warning;
}
