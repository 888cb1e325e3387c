namespace DumpDist.Core.Processes;

/// <summary>What a child process did, or why it did not run.</summary>
/// <param name="Outcome">How the run ended.</param>
/// <param name="ExitCode">The exit code (128 + signal when a signal ended it); -1 when it could not start or timed out.</param>
/// <param name="StandardOutput">Captured stdout (bounded; empty unless <see cref="ChildOutput.CaptureLimit"/> was set).</param>
/// <param name="StandardError">Captured stderr (bounded, as stdout).</param>
/// <param name="Elapsed">From start to the group being gone.</param>
/// <param name="Message">Why it could not start, timed out or was stopped; null when it exited on its own.</param>
/// <param name="Killed">SIGKILL was needed: the group outlived SIGTERM by the grace period.</param>
public sealed record ChildProcessResult(
    ChildProcessOutcome Outcome,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    TimeSpan Elapsed,
    string? Message = null,
    bool Killed = false)
{
    /// <summary>Ran and exited with 0.</summary>
    public bool Succeeded => Outcome == ChildProcessOutcome.Exited && ExitCode == 0;

    /// <summary>A one-line explanation for logs and operators, naming the run as <paramref name="name"/>.</summary>
    public string Describe(string name) => Outcome switch
    {
        ChildProcessOutcome.CannotStart or ChildProcessOutcome.TimedOut => $"{name}: {Message}",
        ChildProcessOutcome.Stopped => $"{name} stopped ({Message}), exit code {ExitCode}",
        _ when ExitCode == 0 => $"{name}: ok",
        _ => $"{name} exited with {ExitCode}: {FirstLine(StandardError) ?? FirstLine(StandardOutput) ?? "(no output)"}",
    };

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
