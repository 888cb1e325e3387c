namespace DumpDist.Cli.Progress;

/// <summary>
/// Where long work stands: its phase, items (files or entries) and bytes done, and their totals
/// (0 when not known yet).
/// </summary>
internal readonly record struct ProgressSnapshot(string Phase, long Items, long TotalItems, long Bytes, long TotalBytes, string ItemName = "files");
