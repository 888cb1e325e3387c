namespace DumpDist.TestSupport;

/// <summary>What an external program did: its exit code and everything it printed.</summary>
public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
