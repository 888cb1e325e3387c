using System.CommandLine;
using DumpDist.Cli.Progress;
using DumpDist.Fixtures;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist fixture`: generates a realistic canonical dump tree.</summary>
internal static class FixtureCommand
{
    public static Command Create()
    {
        var outOption = new Option<DirectoryInfo>("--out") { Description = "Directory to write the tree into (must not exist or be empty).", Required = true };
        var wikis = new Option<int>("--wikis") { Description = "Number of wikis (enwiki and wikidatawiki first, then big ones, then small ones).", DefaultValueFactory = _ => 20 };
        var runs = new Option<int>("--runs") { Description = "Dated runs per wiki (1st and 20th of each month, newest 2026-11-20).", DefaultValueFactory = _ => 3 };
        var scale = SizeOption.Bytes("--scale", "Size in bytes of the biggest file (at least 1 KiB).", FixtureOptions.DefaultScale);
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed and arguments make a byte-identical tree.", DefaultValueFactory = _ => 1 };
        var command = new Command("fixture", "Generate a realistic canonical dump tree (wikis, runs, sums, latest links, other datasets).")
        {
            outOption, wikis, runs, scale, seed,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new FixtureOptions(
                parseResult.GetRequiredValue(outOption).FullName,
                parseResult.GetValue(wikis),
                parseResult.GetValue(runs),
                parseResult.GetValue(scale),
                parseResult.GetValue(seed)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FixtureOptions options, CancellationToken cancellationToken)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"dumpdist fixture: {error}");
            }

            return ExitCodes.UsageOrConfig;
        }

        var started = TimeProvider.System.GetTimestamp();
        var progress = new FixtureProgress();
        var generation = FixtureGenerator.GenerateAsync(options, progress, cancellationToken);
        try
        {
            var manifest = await ProgressDisplay.RunAsync("fixture", ProgressSources.Of(progress), () => generation);
            await Console.Out.WriteAsync(FixtureSummary.Render(manifest, TimeProvider.System.GetElapsedTime(started)));
            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("dumpdist fixture: interrupted; the partial tree was removed");
            return ExitCodes.ProblemFound;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"dumpdist fixture: cannot write the tree under {options.OutputDirectory}: {e.Message}");
            return ExitCodes.ProblemFound;
        }
    }
}
