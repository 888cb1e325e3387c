namespace DumpDist.Mirrors.Rsyncd;

/// <summary>The daemon's files, all under <c>&lt;state_dir&gt;/rsyncd/</c>.</summary>
/// <param name="Directory">The directory holding them.</param>
internal sealed record RsyncdPaths(string Directory)
{
    public string ConfigFile => Path.Combine(Directory, "rsyncd.conf");

    public string PidFile => Path.Combine(Directory, "rsyncd.pid");

    /// <summary>One lock file for every module, so <c>max connections</c> counts the daemon's connections, not each module's.</summary>
    public string LockFile => Path.Combine(Directory, "rsyncd.lock");

    /// <summary>rsyncd's log: connections, refusals, errors and (with transfer logging) one line per file sent.</summary>
    public string LogFile => Path.Combine(Directory, "rsyncd.log");

    /// <summary>The daemon filter rules of a module.</summary>
    public string RulesFile(string module) => Path.Combine(Directory, module + ".rules");

    /// <summary>The paths of a host whose state directory is <paramref name="stateDir"/>.</summary>
    public static RsyncdPaths ForStateDir(string stateDir) => new(Path.Combine(stateDir, "rsyncd"));
}
