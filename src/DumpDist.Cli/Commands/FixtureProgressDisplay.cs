using Spectre.Console;

namespace DumpDist.Cli.Commands;

/// <summary>
/// Shows fixture progress on stderr: a Spectre.Console bar on a terminal, otherwise a line every few
/// seconds (logs and CI keep a readable record, without escape codes).
/// </summary>
internal static class FixtureProgressDisplay
{
    private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

    public static async Task ShowAsync(Task generation, Fixtures.FixtureProgress progress, CancellationToken cancellationToken)
    {
        if (Console.IsErrorRedirected)
        {
            await LinesAsync(generation, progress);
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("planning", maxValue: 1);
                while (true)
                {
                    var planned = progress.PlannedFiles;
                    if (planned > 0)
                    {
                        task.MaxValue = planned;
                        task.Value = Math.Min(planned, progress.Files);
                        task.Description = Describe(progress);
                    }

                    if (generation.IsCompleted)
                    {
                        break;
                    }

                    await Task.WhenAny(generation, Task.Delay(200, cancellationToken));
                }

                if (generation.IsCompletedSuccessfully)
                {
                    task.Value = task.MaxValue;
                }

                task.StopTask();
            });
    }

    private static async Task LinesAsync(Task generation, Fixtures.FixtureProgress progress)
    {
        while (await Task.WhenAny(generation, Task.Delay(LineInterval)) != generation)
        {
            await Console.Error.WriteLineAsync($"dumpdist fixture: {Describe(progress)}");
        }
    }

    private static string Describe(Fixtures.FixtureProgress progress) =>
        $"{progress.Files:N0}/{progress.PlannedFiles:N0} files, {FixtureSummary.Bytes(progress.Bytes)}";
}
