namespace DumpDist.Nfs.Processes;

/// <summary>What a finished program did, or why it could not be run (<see cref="StartError"/>).</summary>
public sealed record ProcessRunResult(int ExitCode, string StandardOutput, string StandardError, string? StartError = null)
{
    /// <summary>Started and exited with 0.</summary>
    public bool Succeeded => StartError is null && ExitCode == 0;

    /// <summary>A one-line explanation for logs and operators.</summary>
    public string Describe(string program) =>
        StartError is not null ? $"{program}: {StartError}"
        : Succeeded ? $"{program}: ok"
        : $"{program} exited with {ExitCode}: {FirstLine(StandardError) ?? FirstLine(StandardOutput) ?? "(no output)"}";

    private static string? FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
