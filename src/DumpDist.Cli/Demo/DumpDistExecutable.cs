namespace DumpDist.Cli.Demo;

/// <summary>How to run this same dumpdist again: as a child process, and as a command a person can paste.</summary>
internal static class DumpDistExecutable
{
    private static string Dll => typeof(DumpDistExecutable).Assembly.Location;

    /// <summary>The program and leading arguments that start this dumpdist (the apphost, or <c>dotnet dumpdist.dll</c>).</summary>
    public static (string Program, IReadOnlyList<string> Arguments) Self()
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [Dll]) : (process, []);
    }

    /// <summary>The command line for people: the apphost beside the assembly when there is one.</summary>
    public static string ForPeople()
    {
        var apphost = Path.Combine(AppContext.BaseDirectory, "dumpdist");
        return File.Exists(apphost) ? apphost : $"dotnet {Dll}";
    }
}
