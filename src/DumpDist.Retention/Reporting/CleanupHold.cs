namespace DumpDist.Retention.Reporting;

/// <summary>Something the count or age would remove that a guard keeps: the newest good run, a run <c>latest/</c> points into, a run in progress, an unreadable status.</summary>
public sealed record CleanupHold(string Path, string Owner, string Date, string State, string Reason);
