namespace DumpDist.Mirrors.Modules;

/// <summary>What a regeneration of the include lists did.</summary>
/// <param name="Written">Files rewritten because their content changed.</param>
/// <param name="Wikis">Wikis with at least one good run.</param>
/// <param name="Elapsed">How long the scan and writes took.</param>
internal sealed record IncludeListResult(int Written, int Wikis, TimeSpan Elapsed);
