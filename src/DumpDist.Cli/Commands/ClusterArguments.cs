using DumpDist.Core.Configuration;
using DumpDist.Node.Admin;

namespace DumpDist.Cli.Commands;

/// <summary>What the cluster commands (failover, drain, undrain, status) share: the loaded cluster file and admin API clients.</summary>
internal static class ClusterArguments
{
    /// <summary>Loads the cluster file, printing every error (exit 2 for the caller) when it does not load.</summary>
    public static async Task<ClusterConfig?> LoadAsync(FileInfo file, string command)
    {
        var loaded = ClusterConfigLoader.Load(file.FullName);
        if (loaded.Success)
        {
            return loaded.Config;
        }

        foreach (var error in loaded.Errors)
        {
            await Console.Error.WriteLineAsync(error.ToString());
        }

        await Console.Error.WriteLineAsync($"dumpdist {command}: {file.FullName} has errors");
        return null;
    }

    /// <summary>
    /// The admin token: <c>--token-file</c>, else <c>DUMPDIST_ADMIN_TOKEN_FILE</c>, else the first
    /// token file the cluster file names. Null with an error when none can be read.
    /// </summary>
    public static string? Token(AdminSettings settings, FileInfo? tokenFile, out string? error)
    {
        var path = tokenFile?.FullName
            ?? Environment.GetEnvironmentVariable("DUMPDIST_ADMIN_TOKEN_FILE")
            ?? settings.Tokens.Select(t => t.File).FirstOrDefault();
        if (path is null)
        {
            error = "no admin token: give --token-file, set DUMPDIST_ADMIN_TOKEN_FILE, or name one in the cluster file's admin.tokens";
            return null;
        }

        if (!AdminTokens.TryRead(path, out var token, out var problem))
        {
            error = problem;
            return null;
        }

        error = null;
        return token;
    }
}
