namespace DumpDist.Fixtures.Planning;

/// <summary>A run directory to write.</summary>
/// <remarks>ExcludedDirectory: A never-published directory (temp/ or tmp/) left in the run, or null.</remarks>
internal sealed record RunPlan(string Wiki, DateOnly Date, FixtureRunState State, IReadOnlyList<JobPlan> Jobs, string? ExcludedDirectory)
{
    public string DateText => RunDates.Format(Date);

    /// <summary>When the run last changed: the newest job update.</summary>
    public DateTime LastUpdate => Jobs.Max(j => j.Updated);
}
