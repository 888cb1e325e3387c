namespace DumpDist.Retention.Compare;

/// <summary>One way the two sides differ at <see cref="Path"/>.</summary>
/// <param name="Path">Relative to each side's top.</param>
/// <param name="Kind"><c>only-in-a</c>, <c>only-in-b</c>, <c>type</c>, <c>size</c>, <c>mtime</c>, <c>link</c>, <c>content</c>.</param>
/// <param name="A">What side A has (size, time, target, digest); empty when it has nothing.</param>
/// <param name="B">What side B has.</param>
internal sealed record Difference(string Path, string Kind, string A, string B);
