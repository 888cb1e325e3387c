namespace DumpDist.Retention.IO;

/// <summary>What a rename(2) came to: done, the two paths are on different file systems, the source is gone, or another error.</summary>
internal sealed record RenameResult(bool Succeeded, bool IsCrossDevice, bool IsNotFound, string? Error)
{
    public static RenameResult Done { get; } = new(true, false, false, null);

    public static RenameResult CrossDevice { get; } = new(false, true, false, "on another file system");

    public static RenameResult NotFound { get; } = new(false, false, true, "no longer exists");

    public static RenameResult Failed(string error) => new(false, false, false, error);
}
