namespace DumpDist.Nfs.Exports;

/// <summary>Host-local settings of a rendered ganesha.conf that are not part of the export itself.</summary>
public sealed record GaneshaRenderOptions
{
    /// <summary>Address ganesha listens on; 0.0.0.0 listens on every interface.</summary>
    public string BindAddress { get; init; } = "0.0.0.0";

    /// <summary>Where ganesha keeps NFSv4 client recovery records (RecoveryBackend = fs).</summary>
    public string RecoveryRoot { get; init; } = "/var/lib/dumpdist/ganesha/recovery";
}
