using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DumpDist.Cli.Progress;
using DumpDist.Sync.Publishing;
using DumpDist.Sync.State;
using DumpDist.Sync.Verification;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist verify DIR [--json]`: checks every published file against its run's sums and sizes.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("DIR") { Description = "A tree, wiki or run directory to verify." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON on stdout." };
        var stateDir = new Option<DirectoryInfo>("--state-dir") { Description = "Where the verified-file cache lives (default ~/.local/state/dumpdist/<tree>-<hash>, <tree> the root of the tree DIR is in, as `web --root` uses)." };
        var command = new Command("verify", "Check files against their run's sha1sums (else md5sums) and dumpstatus.json sizes; also records SHA-256.")
        {
            dir, json, stateDir,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var root = parseResult.GetValue(dir)!;
            if (!root.Exists)
            {
                await Console.Error.WriteLineAsync($"dumpdist verify: {root.FullName}: no such directory");
                return ExitCodes.UsageOrConfig;
            }

            var stopwatch = Stopwatch.StartNew();
            VerificationReport report;
            try
            {
                // The cache (SQLite start-up) opens while the tree is read.
                var opening = Task.Run(() => VerificationCache.Open(parseResult.GetValue(stateDir)?.FullName ?? StateDirectories.DefaultFor(root.FullName)), CancellationToken.None);
                var plan = VerificationPlanner.ForTree(root.FullName);
                var cache = await opening;
                report = await RunWithProgressAsync(new FileVerifier(cache, TimeProvider.System), plan, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                await Console.Error.WriteLineAsync($"dumpdist verify: {e.Message}");
                return ExitCodes.ProblemFound;
            }

            stopwatch.Stop();

            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(new
                {
                    root = root.FullName,
                    ok = report.Succeeded,
                    good = report.Good,
                    cache_hits = report.CacheHits,
                    no_checksum = report.NoChecksum,
                    bytes_read = report.BytesRead,
                    seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 3),
                    problems = report.Problems.Select(p => new { path = p.Path, kind = p.Kind.ToString(), message = p.Message }),
                }));
            }
            else
            {
                foreach (var problem in report.Problems)
                {
                    await Console.Out.WriteLineAsync($"{problem.Kind}: {problem.Path}: {problem.Message}");
                }

                var rate = stopwatch.Elapsed.TotalSeconds > 0 ? report.BytesRead / stopwatch.Elapsed.TotalSeconds / 1e6 : 0;
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"verify: {report.Good} good ({report.CacheHits} from cache), {report.Problems.Count} problems, {report.NoChecksum} without sums; read {report.BytesRead} bytes in {stopwatch.Elapsed.TotalSeconds:F2}s ({rate:F0} MB/s)"));
            }

            return report.Succeeded ? ExitCodes.Success : ExitCodes.ProblemFound;
        });
        return command;
    }

    private static Task<VerificationReport> RunWithProgressAsync(FileVerifier verifier, VerificationPlan plan, CancellationToken cancellationToken)
    {
        var progress = new SyncProgress();
        progress.Start("verifying", plan.Items.Count, plan.Items.Count == 0 ? 0 : plan.TotalBytes);
        return ProgressDisplay.RunAsync("verify", ProgressSources.Of(progress), () => verifier.VerifyAsync(plan, progress.AddBytes, progress.AddFile, cancellationToken));
    }
}
