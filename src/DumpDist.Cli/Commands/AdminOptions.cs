using System.CommandLine;

namespace DumpDist.Cli.Commands;

/// <summary>Options every admin-API command has.</summary>
internal static class AdminOptions
{
    public static Option<FileInfo?> TokenFile() => new("--token-file")
    {
        Description = "File holding the admin token (default: $DUMPDIST_ADMIN_TOKEN_FILE, else the first of admin.tokens in the cluster file).",
    };
}
