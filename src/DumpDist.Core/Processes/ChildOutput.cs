using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Processes;

/// <summary>
/// What happens to one output stream of a child: kept (bounded) for the result, passed line by
/// line to a callback, logged line by line, any combination, or discarded. The stream is always
/// read to its end, so a chatty child never blocks on a full pipe.
/// </summary>
public sealed record ChildOutput
{
    /// <summary>The default <see cref="CaptureLimit"/>: enough for any error message, bounded for a runaway child.</summary>
    public const int DefaultCaptureLimit = 64 * 1024;

    /// <summary>Read and dropped.</summary>
    public static ChildOutput Discard { get; } = new();

    /// <summary>Characters kept for <see cref="ChildProcessResult"/>: the first and the last half of this; 0 keeps nothing.</summary>
    public int CaptureLimit { get; init; }

    /// <summary>
    /// Called with each line (without its line break) on the reading thread, in order. If it throws,
    /// the child is stopped and <see cref="ChildProcessRunner.RunAsync(ChildProcessSpec, CancellationToken)"/>
    /// rethrows the exception once the group is gone.
    /// </summary>
    public Action<string>? OnLine { get; init; }

    /// <summary>Each line is logged here (event 1305), with the program name and pid.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>The level of the logged lines.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Keeps up to <paramref name="limit"/> characters for the result.</summary>
    public static ChildOutput Capture(int limit = DefaultCaptureLimit) => new() { CaptureLimit = limit };

    /// <summary>Passes each line to <paramref name="onLine"/>.</summary>
    public static ChildOutput Lines(Action<string> onLine) => new() { OnLine = onLine };

    /// <summary>Logs each line to <paramref name="logger"/> at <paramref name="level"/>.</summary>
    public static ChildOutput Log(ILogger logger, LogLevel level) => new() { Logger = logger, LogLevel = level };
}
