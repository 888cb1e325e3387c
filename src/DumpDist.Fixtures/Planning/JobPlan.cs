namespace DumpDist.Fixtures.Planning;

/// <summary>A job of a run: its status and the files that exist on disk for it.</summary>
internal sealed record JobPlan(string Name, string Title, FixtureJobStatus Status, DateTime Updated, IReadOnlyList<PlannedFile> Files);
