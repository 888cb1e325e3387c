namespace DumpDist.Core.Tree;

/// <summary>One job of a run, as dumpstatus.json describes it.</summary>
public sealed record DumpJob(string Name, JobState State, string RawStatus, DateTimeOffset? Updated, IReadOnlyList<DumpFileEntry> Files);
