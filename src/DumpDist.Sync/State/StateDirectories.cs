using System.Security.Cryptography;
using System.Text;

namespace DumpDist.Sync.State;

/// <summary>Where the one-off forms keep state when no cluster file names a state_dir.</summary>
public static class StateDirectories
{
    /// <summary>
    /// `$XDG_STATE_HOME/dumpdist/&lt;name&gt;-&lt;hash&gt;` (default `~/.local/state`), one per served
    /// directory, outside it so nothing of the state is ever served.
    /// </summary>
    public static string DefaultFor(string servedDirectory)
    {
        var full = Path.GetFullPath(servedDirectory).TrimEnd('/');
        var baseDirectory = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var name = Path.GetFileName(full);
        return Path.Combine(baseDirectory, "dumpdist", $"{(name.Length == 0 ? "root" : name)}-{hash}");
    }
}
