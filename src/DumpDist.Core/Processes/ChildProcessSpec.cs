namespace DumpDist.Core.Processes;

/// <summary>
/// A program to run as a child: its path or name on PATH and its arguments as a list (never a
/// shell string), passed verbatim. Stdin is always /dev/null.
/// </summary>
/// <param name="Program">A path, or a name looked up on PATH (the child's PATH when <see cref="Environment"/> sets one).</param>
/// <param name="Arguments">The arguments, each passed as one argv entry.</param>
public sealed record ChildProcessSpec(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>The grace period between SIGTERM and SIGKILL unless set.</summary>
    public static readonly TimeSpan DefaultStopGrace = TimeSpan.FromSeconds(10);

    /// <summary>The child's working directory; null for ours.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Variables set for the child on top of ours; a null value removes one.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>What happens to stdout; captured by default.</summary>
    public ChildOutput StandardOutput { get; init; } = ChildOutput.Capture();

    /// <summary>What happens to stderr; captured by default.</summary>
    public ChildOutput StandardError { get; init; } = ChildOutput.Capture();

    /// <summary>For <see cref="ChildProcessRunner.RunAsync(ChildProcessSpec, CancellationToken)"/>: stop the group after this long (outcome <see cref="ChildProcessOutcome.TimedOut"/>); null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How long the group gets to exit after SIGTERM before SIGKILL.</summary>
    public TimeSpan StopGrace { get; init; } = DefaultStopGrace;

    /// <summary>The program's file name, for messages.</summary>
    public string Name => Path.GetFileName(Program);
}
