using DumpDist.Fixtures.Planning;
using DumpDist.Fixtures.Rendering;
using DumpDist.Fixtures.Writing;

namespace DumpDist.Fixtures;

/// <summary>
/// Generates a realistic canonical dump tree (see docs/fixture.md). The tree is built in a hidden sibling
/// directory and renamed into place when complete, so a failed or cancelled run leaves nothing half-written.
/// </summary>
public static class FixtureGenerator
{
    /// <summary>Writes the tree described by <paramref name="options"/> and returns what it meant to write.</summary>
    /// <exception cref="ArgumentException">The options are not valid (see <see cref="FixtureOptions.Validate"/>).</exception>
    /// <exception cref="IOException">The tree could not be written; nothing is left behind.</exception>
    public static Task<FixtureManifest> GenerateAsync(FixtureOptions options, FixtureProgress? progress = null, CancellationToken cancellationToken = default) =>
        GenerateAsync(options, progress, TreeOutput.NativeByDefault, cancellationToken);

    /// <summary>As above; <paramref name="nativeIo"/> false forces .NET file handles (to compare the two paths).</summary>
    internal static async Task<FixtureManifest> GenerateAsync(FixtureOptions options, FixtureProgress? progress, bool nativeIo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", errors), nameof(options));
        }

        progress ??= new FixtureProgress();
        var plan = TreePlan.Create(options);
        progress.SetPlanned(plan.CountEntries());

        var target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.OutputDirectory));
        var parent = Path.GetDirectoryName(target) ?? throw new ArgumentException("--out cannot be a file system root", nameof(options));
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.fixture-partial-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = await WriteAsync(new TreeOutput(staging, options.Seed, progress, nativeIo), plan, options, cancellationToken);
            if (Directory.Exists(target))
            {
                // Validation saw it empty; a non-recursive delete fails rather than lose anything added since.
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return manifest with { Root = target };
        }
        catch
        {
            TryDelete(staging);
            throw;
        }
    }

    private static async Task<FixtureManifest> WriteAsync(TreeOutput output, TreePlan plan, FixtureOptions options, CancellationToken cancellationToken)
    {
        output.CreateDirectory("public/other");
        var excluded = new List<string>();
        var datasets = plan.Datasets.Select(d => OtherWriter.Write(output, d, cancellationToken)).ToList();
        excluded.Add(OtherWriter.WriteBadDirectory(output));

        // Wikis are independent: write them in parallel, huge ones first since they take longest.
        var wikis = new FixtureWiki[plan.Wikis.Count];
        var wikiExcluded = new List<string>[plan.Wikis.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Wikis.Count), parallel, (index, token) =>
        {
            var list = new List<string>();
            wikis[index] = WikiWriter.Write(output, plan.Wikis[index], list, token);
            wikiExcluded[index] = list;
            return ValueTask.CompletedTask;
        });
        excluded.AddRange(wikiExcluded.SelectMany(l => l));

        output.WriteText("public/index.html", PublicIndexHtml.Render(plan.Wikis.Select(w => w.Runs[^1])), TreePlan.TreeTime);
        output.StampDirectory("public/other", TreePlan.TreeTime);
        output.StampDirectory("public", TreePlan.TreeTime);
        output.StampDirectory(".", TreePlan.TreeTime);

        var progress = output.Progress;
        return new FixtureManifest(output.Root, options, wikis, datasets, excluded, progress.Files - progress.Symlinks, progress.Symlinks, progress.Bytes);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the hidden staging directory is ours and harmless if it stays.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
