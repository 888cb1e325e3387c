namespace DumpDist.Retention.Planning;

/// <summary>Something the count or age would remove, kept because a guard protects it (newest good run, <c>latest/</c>, in progress).</summary>
internal sealed record HeldEntry(string RelativePath, string Owner, string Date, string State, string Reason);
