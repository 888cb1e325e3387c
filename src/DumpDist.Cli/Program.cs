namespace DumpDist.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => DumpDistCommandLine.RunAsync(args, CancellationToken.None);
}
