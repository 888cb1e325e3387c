namespace DumpDist.Fixtures;

/// <summary>A job of a run as written into dumpstatus.json, with the files that exist for it.</summary>
/// <param name="Name">Job name, e.g. <c>articlesdump</c>.</param>
/// <param name="Status">Its status.</param>
/// <param name="Updated">The <c>updated</c> time (UTC).</param>
/// <param name="Files">Files on disk for this job (complete, or partial for in-progress and failed jobs).</param>
public sealed record FixtureJob(string Name, FixtureJobStatus Status, DateTime Updated, IReadOnlyList<FixtureFile> Files);
