using System.Security.Cryptography;
using System.Text;
using DumpDist.Core.Tree;

namespace DumpDist.Sync.State;

/// <summary>Where the one-off forms keep state when no cluster file names a state_dir.</summary>
public static class StateDirectories
{
    /// <summary>
    /// `$XDG_STATE_HOME/dumpdist/&lt;name&gt;-&lt;hash&gt;` (default `~/.local/state`), one per tree
    /// root (<see cref="TreeRoot.Of"/> of <paramref name="directory"/>: `verify` of a run and `web
    /// --root` of its tree share it), outside the tree so nothing of the state is ever served.
    /// </summary>
    public static string DefaultFor(string directory)
    {
        var full = TreeRoot.Of(directory);
        var baseDirectory = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(full)))[..12];
        var name = Path.GetFileName(full);
        return Path.Combine(baseDirectory, "dumpdist", $"{(name.Length == 0 ? "root" : name)}-{hash}");
    }
}
