using System.CommandLine;
using System.Text.Json;
using DumpDist.Cli.Progress;
using DumpDist.Retention.Compare;
using DumpDist.Retention.Execution;
using DumpDist.Retention.Reporting;
using DumpDist.Sync.Transport;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist compare A B [--checksums] [--json]`: exit 0 only when the two trees are identical.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("A") { Description = "A local directory or an rsync://host[:port]/module/path URL." };
        var b = new Argument<string>("B") { Description = "The other side, the same forms." };
        var checksums = new Option<bool>("--checksums") { Description = "Also compare contents: local trees byte by byte, rsync URLs by their published md5sums/sha1sums." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var command = new Command("compare", "Compare two copies of a tree (before a migration cutover): missing files, size and mtime differences, with --checksums contents. Exit 0 only when identical.")
        {
            a, b, checksums, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (ComparedSide.Parse(parseResult.GetValue(a)!, out var errorA) is not { } sideA)
            {
                return Usage(errorA!);
            }

            if (ComparedSide.Parse(parseResult.GetValue(b)!, out var errorB) is not { } sideB)
            {
                return Usage(errorB!);
            }

            using var signals = new TerminationSignals(cancellationToken);
            var progress = new PassProgress();
            (ComparisonReport? Report, string? Error) result;
            try
            {
                result = await ProgressDisplay.RunAsync("compare", ProgressSources.Of(progress), () => new TreeCompare(new RsyncRunner()).RunAsync(sideA, sideB, parseResult.GetValue(checksums), progress, signals.Token));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result = (null, e.Message);
            }
            catch (OperationCanceledException)
            {
                result = (null, "interrupted");
            }

            if (result.Report is not { } report)
            {
                await Console.Error.WriteLineAsync($"dumpdist compare: {result.Error}");
                return ExitCodes.ProblemFound;
            }

            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(report, RetentionJsonContext.Default.ComparisonReport));
            }
            else
            {
                ComparisonText.Write(Console.Out, report);
            }

            return report.Identical ? ExitCodes.Success : ExitCodes.ProblemFound;
        });
        return command;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"dumpdist compare: {message}");
        Console.Error.WriteLine("Usage: dumpdist compare A B [--checksums] [--json]   (A, B: a directory or rsync://host[:port]/module/path)");
        return ExitCodes.UsageOrConfig;
    }
}
