namespace DumpDist.Core.Configuration;

/// <summary>How serious a <see cref="ConfigError"/> is.</summary>
public enum ConfigSeverity
{
    /// <summary>The file is refused.</summary>
    Error,

    /// <summary>The file loads, but something is probably not what the operator wants.</summary>
    Warning,

    /// <summary>
    /// An entry is wrong and the file loads without it (a mirror registry entry with a bad address
    /// is left out of rsync's <c>hosts allow</c>); the rest of the file applies. <c>config check</c>
    /// prints it as an error and exits 1 (a problem found) rather than 2.
    /// </summary>
    EntryLeftOut,
}
