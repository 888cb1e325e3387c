namespace DumpDist.Core.Processes;

/// <summary>Finds the file a program name means, as execvp would, so a missing program is known before anything starts.</summary>
internal static class ProgramPath
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>The absolute path of <paramref name="program"/>, or why there is none.</summary>
    public static (string? Path, string? Error) Resolve(string program, string? searchPath, string? workingDirectory)
    {
        if (string.IsNullOrWhiteSpace(program))
        {
            return (null, "no program given");
        }

        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.GetFullPath(program, Path.GetFullPath(workingDirectory ?? Environment.CurrentDirectory));
            return !File.Exists(full) ? (null, "no such file")
                : IsExecutable(full) ? (full, null)
                : (null, "not executable");
        }

        foreach (var directory in (searchPath ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate) && IsExecutable(candidate))
            {
                return (Path.GetFullPath(candidate), null);
            }
        }

        return (null, "not found on PATH");
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0;
}
