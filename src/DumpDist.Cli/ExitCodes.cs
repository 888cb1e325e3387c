namespace DumpDist.Cli;

/// <summary>The exit codes of the command contract (docs/DESIGN: 0 ok, 1 problem found, 2 usage or configuration).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int ProblemFound = 1;
    public const int UsageOrConfig = 2;
}
