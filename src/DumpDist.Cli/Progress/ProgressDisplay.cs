using System.Globalization;
using Spectre.Console;

namespace DumpDist.Cli.Progress;

/// <summary>
/// Progress of long work on stderr, for every command that has some (sync --once, verify, compare,
/// cleanup, capacity, init, fixture): a Spectre.Console bar with rate and time left when stderr is a
/// terminal; otherwise a plain line every <see cref="LineInterval"/> at most (logs and CI keep a
/// readable record, never an escape code), and nothing for work shorter than that.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Set to a number of seconds to change how often plain lines are written (default 10).</summary>
    public const string IntervalVariable = "DUMPDIST_PROGRESS_INTERVAL";

    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(200);

    public static TimeSpan LineInterval =>
        double.TryParse(Environment.GetEnvironmentVariable(IntervalVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(10);

    public static async Task<T> RunAsync<T>(string command, Func<ProgressSnapshot> read, Func<Task<T>> work)
    {
        var rate = new ProgressRate(TimeProvider.System);
        if (Console.IsErrorRedirected)
        {
            return await LinesAsync(command, read, rate, work());
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress()
            .AutoClear(true)
            // The description carries counts, rate and ETA; a short bar leaves it room on 80 columns.
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 20 }, new PercentageColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(command, maxValue: 1);
                var running = work();
                while (!running.IsCompleted)
                {
                    Update(task, command, read(), rate);
                    await Task.WhenAny(running, Task.Delay(FrameInterval));
                }

                result = await running;
                task.Value = task.MaxValue;
            });
        return result;
    }

    private static async Task<T> LinesAsync<T>(string command, Func<ProgressSnapshot> read, ProgressRate rate, Task<T> running)
    {
        var interval = LineInterval;
        var next = interval;
        var wake = interval < FrameInterval ? interval : FrameInterval;
        var started = TimeProvider.System.GetTimestamp();
        while (await Task.WhenAny(running, Task.Delay(wake)) != running)
        {
            var snapshot = read();
            rate.Sample(snapshot);
            if (TimeProvider.System.GetElapsedTime(started) >= next)
            {
                next += interval;
                await Console.Error.WriteLineAsync($"dumpdist {command}: {ProgressText.Describe(snapshot, rate)}");
            }
        }

        return await running;
    }

    private static void Update(ProgressTask task, string command, ProgressSnapshot snapshot, ProgressRate rate)
    {
        rate.Sample(snapshot);
        var (done, total) = snapshot.TotalBytes > 0 ? (snapshot.Bytes, snapshot.TotalBytes) : (snapshot.Items, snapshot.TotalItems);
        task.IsIndeterminate = total == 0;
        task.MaxValue = Math.Max(1, total);
        task.Value = Math.Min(task.MaxValue, done);
        task.Description = Markup.Escape($"{command}: {ProgressText.Describe(snapshot, rate)}");
    }
}
