using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

/// <summary>Launches the real `dumpdist` executable (the built dumpdist.dll beside the tests).</summary>
internal static class DumpDistProcess
{
    public static string DllPath { get; } = Path.Combine(AppContext.BaseDirectory, "dumpdist.dll");

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ExternalProgram.RunAsync("dotnet", new[] { DllPath }.Concat(arguments), timeout: TimeSpan.FromMinutes(5));
}
