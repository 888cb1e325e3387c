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

        var error = StandardError.Trim();
        var lastLine = error.Length == 0 ? string.Empty : ": " + error.Split('\n')[^1].Trim();
        return $"rsync exited {ExitCode} ({RsyncExitCodes.Describe(ExitCode)}){lastLine}";
    }
}
