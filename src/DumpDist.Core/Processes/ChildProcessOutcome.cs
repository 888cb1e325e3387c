namespace DumpDist.Core.Processes;

/// <summary>How a child process run ended.</summary>
public enum ChildProcessOutcome
{
    /// <summary>It exited on its own; see the exit code.</summary>
    Exited,

    /// <summary>It never ran: the program is missing or not executable (exit code -1).</summary>
    CannotStart,

    /// <summary>It overran <see cref="ChildProcessSpec.Timeout"/> and its group was stopped (exit code -1).</summary>
    TimedOut,

    /// <summary>Its owner stopped it (<see cref="ChildProcess.RequestStop"/>); the exit code is what the signal left.</summary>
    Stopped,
}
