namespace DumpDist.Sync.Transport;

/// <summary>The result of one rsync run: its outcome, exit code and the tail of its stderr.</summary>
public sealed record RsyncResult(RsyncOutcome Outcome, int ExitCode, string StandardError, TimeSpan Elapsed)
{
    /// <summary>True when the run counts as a success.</summary>
    public bool Succeeded => Outcome == RsyncOutcome.Ok;

    /// <summary>A one-line explanation for operators.</summary>
    public string Describe()
    {
        if (Outcome == RsyncOutcome.Cancelled)
        {
            return "rsync was cancelled";
        }

        // rsync's last line only repeats the exit code; the lines before it say what went wrong.
        var details = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("rsync error:", StringComparison.Ordinal))
            .Take(3)
            .ToList();
        var detail = details.Count == 0 ? string.Empty : ": " + string.Join("; ", details);
        return $"rsync exited {ExitCode} ({RsyncExitCodes.Describe(ExitCode)}){detail}";
    }
}
