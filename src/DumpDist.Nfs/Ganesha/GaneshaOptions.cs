namespace DumpDist.Nfs.Ganesha;

/// <summary>How the supervised ganesha.nfsd is run.</summary>
public sealed class GaneshaOptions
{
    /// <summary>The rendered ganesha.conf (see <see cref="Exports.GaneshaConfigRenderer"/>) to start with; written to <see cref="ConfigPath"/> before each start until <see cref="GaneshaSupervisor.UpdateConfigAsync"/> brings another.</summary>
    public string ConfigText { get; set; } = string.Empty;

    /// <summary>Where the configuration is written.</summary>
    public string ConfigPath { get; set; } = "/var/lib/dumpdist/ganesha/ganesha.conf";

    /// <summary>ganesha's log file (<c>-L</c>).</summary>
    public string LogPath { get; set; } = "/var/log/dumpdist/ganesha.log";

    /// <summary>ganesha's pid file (<c>-p</c>).</summary>
    public string PidFile { get; set; } = "/run/dumpdist/ganesha.pid";

    /// <summary>The ganesha.nfsd program.</summary>
    public string Program { get; set; } = "ganesha.nfsd";

    /// <summary>Wait before the first restart after a crash; doubles per crash up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between restarts.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run this long resets the backoff to <see cref="InitialBackoff"/>.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long ganesha gets to exit after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
