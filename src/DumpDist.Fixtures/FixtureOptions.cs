namespace DumpDist.Fixtures;

/// <summary>Arguments of <c>dumpdist fixture</c>.</summary>
/// <param name="OutputDirectory">Where the tree goes; must not exist or be empty.</param>
/// <param name="Wikis">Number of wikis (2 huge first, then big, then many small).</param>
/// <param name="Runs">Dated runs per wiki.</param>
/// <param name="Scale">Size in bytes of the biggest file.</param>
/// <param name="Seed">The same seed and arguments make a byte-identical tree.</param>
public sealed record FixtureOptions(string OutputDirectory, int Wikis = 20, int Runs = 3, long Scale = FixtureOptions.DefaultScale, int Seed = 1)
{
    /// <summary>Default <see cref="Scale"/>: 4 MiB.</summary>
    public const long DefaultScale = 4L * 1024 * 1024;

    /// <summary>Smallest accepted <see cref="Scale"/>: 1 KiB.</summary>
    public const long MinimumScale = 1024;

    /// <summary>Largest accepted <see cref="Wikis"/>.</summary>
    public const int MaximumWikis = 50_000;

    /// <summary>Largest accepted <see cref="Runs"/> (20 years of twice-monthly runs).</summary>
    public const int MaximumRuns = 480;

    /// <summary>Every problem with these options, each naming the argument; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Wikis is < 1 or > MaximumWikis)
        {
            errors.Add($"--wikis must be between 1 and {MaximumWikis}, got {Wikis}");
        }

        if (Runs is < 1 or > MaximumRuns)
        {
            errors.Add($"--runs must be between 1 and {MaximumRuns}, got {Runs}");
        }

        if (Scale < MinimumScale)
        {
            errors.Add($"--scale must be at least {MinimumScale} bytes (1 KiB), got {Scale}");
        }

        if (string.IsNullOrWhiteSpace(OutputDirectory))
        {
            errors.Add("--out must name a directory");
        }
        else if (File.Exists(OutputDirectory))
        {
            errors.Add($"--out {OutputDirectory} is a file, not a directory");
        }
        else if (Directory.Exists(OutputDirectory) && Directory.EnumerateFileSystemEntries(OutputDirectory).Any())
        {
            errors.Add($"--out {OutputDirectory} is not empty; fixture writes only into a new or empty directory so trees never mix");
        }

        return errors;
    }
}
