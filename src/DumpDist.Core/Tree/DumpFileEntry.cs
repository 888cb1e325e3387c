namespace DumpDist.Core.Tree;

/// <summary>A file listed under a job in dumpstatus.json. Url and sums appear once the job is done.</summary>
public sealed record DumpFileEntry(string Name, long? Size, string? Url, string? Md5, string? Sha1);
