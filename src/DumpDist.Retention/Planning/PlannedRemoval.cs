namespace DumpDist.Retention.Planning;

/// <summary>Something the rules remove.</summary>
/// <param name="RelativePath">Path under the tree root, e.g. <c>public/enwiki/20260101</c>.</param>
/// <param name="FullPath">The absolute path.</param>
/// <param name="Kind">Run, dated entry or file.</param>
/// <param name="Owner">The wiki (<c>enwiki</c>) or other dataset (<c>other/cirrussearch</c>).</param>
/// <param name="Date">The date in the directory name, or the file's mtime date.</param>
/// <param name="State">The run's state (<c>good</c>, <c>failed</c>), or <c>-</c> for other datasets.</param>
/// <param name="Reason">Why the rules remove it.</param>
internal sealed record PlannedRemoval(string RelativePath, string FullPath, RemovalKind Kind, string Owner, string Date, string State, string Reason);
