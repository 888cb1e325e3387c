namespace DumpDist.Nfs.Exports;

/// <summary>Where the kernel exports file goes and which exportfs applies it.</summary>
public sealed class KernelExportsOptions
{
    /// <summary>The exports file dumpdist owns.</summary>
    public string ExportsFile { get; set; } = "/etc/exports.d/dumpdist.exports";

    /// <summary>The exportfs program (a name on PATH or a full path).</summary>
    public string ExportfsPath { get; set; } = "exportfs";

    /// <summary>How long exportfs may take (it resolves host names).</summary>
    public TimeSpan ExportfsTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
