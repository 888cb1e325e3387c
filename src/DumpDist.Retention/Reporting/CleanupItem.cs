namespace DumpDist.Retention.Reporting;

/// <summary>One thing a cleanup pass removed, would remove, or could not remove.</summary>
/// <param name="Path">Path under the tree root, e.g. <c>public/enwiki/20260101</c>.</param>
/// <param name="Kind"><c>run</c>, <c>dated</c> (a dated directory of an other dataset), <c>file</c>, or <c>leftover</c> (from an interrupted pass).</param>
/// <param name="Owner">The wiki or <c>other/&lt;dataset&gt;</c>; empty for a leftover.</param>
/// <param name="Date">The date in the name (or the file's mtime date); empty for a leftover.</param>
/// <param name="State">The run's state (<c>good</c>, <c>failed</c>), <c>-</c> otherwise.</param>
/// <param name="Bytes">Bytes on disk (as <c>du -B1</c> counts them).</param>
/// <param name="Reason">Why the rules remove it.</param>
/// <param name="Outcome"><c>removed</c>, <c>would-remove</c>, <c>refused</c> (a sync holds the lock), <c>failed</c>, or <c>in-trash</c> (out of the served tree, not yet deleted).</param>
/// <param name="Message">What went wrong, for <c>refused</c>, <c>failed</c> and <c>in-trash</c>.</param>
public sealed record CleanupItem(string Path, string Kind, string Owner, string Date, string State, long Bytes, string Reason, string Outcome, string? Message = null);
