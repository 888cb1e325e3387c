using DumpDist.Retention.Execution;
using Spectre.Console;

namespace DumpDist.Cli.Commands;

/// <summary>
/// Progress of a long cleanup, capacity or compare pass on stderr: a Spectre.Console bar when stderr is a
/// terminal; otherwise nothing (scripts and logs get the report on stdout and warnings on stderr only).
/// </summary>
internal static class PassProgressDisplay
{
    public static async Task<T> RunAsync<T>(string command, PassProgress progress, Func<Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return await work();
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(command, maxValue: 1);
                var running = work();
                while (!running.IsCompleted)
                {
                    Update(task, command, progress);
                    await Task.WhenAny(running, Task.Delay(200));
                }

                result = await running;
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static void Update(ProgressTask task, string command, PassProgress progress)
    {
        var (done, total) = (progress.Done, progress.Total);
        task.IsIndeterminate = total == 0;
        task.MaxValue = Math.Max(1, total);
        task.Value = Math.Min(task.MaxValue, done);
        task.Description = total == 0 ? $"{command}: {progress.Phase} ({done:N0})" : $"{command}: {progress.Phase}";
    }
}
