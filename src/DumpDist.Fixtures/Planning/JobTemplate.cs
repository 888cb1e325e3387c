namespace DumpDist.Fixtures.Planning;

/// <summary>
/// A job as production lists it, with the files it makes: each file is the part of its name after
/// <c>WIKI-DATE-</c> and a weight (its size relative to the wiki's biggest file).
/// </summary>
/// <remarks>HistoryOnly: Runs only on full (1st of the month) runs; skipped on the 20th.</remarks>
internal sealed record JobTemplate(string Name, string Title, IReadOnlyList<(string Suffix, double Weight)> Files, bool HistoryOnly);
