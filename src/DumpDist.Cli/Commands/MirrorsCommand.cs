using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DumpDist.Core.Configuration;
using DumpDist.Core.IO;
using DumpDist.Core.Processes;
using DumpDist.Mirrors.Freshness;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist mirrors check --config FILE [--json] [--trace FILE] [--timeout SECONDS]`.</summary>
internal static class MirrorsCommand
{
    private const string Name = "dumpdist mirrors check";

    public static Command Create() =>
        new("mirrors", "Mirror registry tools.")
        {
            CreateCheck(),
        };

    /// <summary>
    /// Checks every active mirror's copy of our trace file. Exit 0 when all are fresh, 1 when any
    /// is stale, unreachable or holds something else, 2 for a bad cluster file or no trace of ours.
    /// </summary>
    internal static async Task<int> CheckAsync(string configPath, string? tracePath, bool json, TimeSpan timeout, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var loaded = ClusterConfigLoader.Load(configPath);
        if (!loaded.Success)
        {
            foreach (var problem in loaded.Errors)
            {
                await error.WriteLineAsync(problem.ToString().AsMemory(), cancellationToken);
            }

            var count = loaded.Errors.Count;
            await error.WriteLineAsync($"{configPath}: {count} error{(count == 1 ? string.Empty : "s")}".AsMemory(), cancellationToken);
            return ExitCodes.UsageOrConfig;
        }

        var config = loaded.Config;
        tracePath ??= DefaultTrace(config);
        var ours = MirrorTrace.TryParse(await AtomicFile.TryReadAllTextAsync(tracePath, cancellationToken));
        if (ours is null)
        {
            await error.WriteLineAsync($"{Name}: {tracePath}: no dumpdist trace there (the node writes it with the include lists; pass --trace FILE)".AsMemory(), cancellationToken);
            return ExitCodes.UsageOrConfig;
        }

        var time = TimeProvider.System;
        using var http = MirrorHttp.Create(timeout);
        var checker = new MirrorChecker(http, new ChildProcessRunner(time), time, timeout);
        var results = await checker.CheckAllAsync(config.Mirrors, ours, cancellationToken);
        if (json)
        {
            await output.WriteLineAsync(Json(results).AsMemory(), cancellationToken);
        }
        else
        {
            var width = results.Count == 0 ? 4 : results.Max(r => r.Name.Length);
            foreach (var result in results)
            {
                await output.WriteLineAsync($"{result.Name.PadRight(width)}  {MirrorsPage.Name(result.Status),-13}  {result.Detail}".AsMemory(), cancellationToken);
            }
        }

        await output.FlushAsync(cancellationToken);
        return results.All(r => r.Status == MirrorCheckStatus.Fresh) ? ExitCodes.Success : ExitCodes.ProblemFound;
    }

    private static string DefaultTrace(ClusterConfig config)
    {
        var host = config.Services.Rsync is { } rsync ? config.FindHost(rsync.Active) : null;
        host ??= config.Hosts[0];
        return Path.Combine(host.Root, Core.Tree.DumpTree.PublicDirectoryName, MirrorTrace.FileName);
    }

    private static string Json(IReadOnlyList<MirrorCheckResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var result in results)
            {
                json.WriteStartObject();
                json.WriteString("name", result.Name);
                json.WriteString("status", MirrorsPage.Name(result.Status));
                json.WriteString("detail", result.Detail);
                json.WriteString("trace_url", result.TraceUrl);
                json.WriteString("checked", result.CheckedAt.UtcDateTime);
                if (result.Lag is { } lag)
                {
                    json.WriteNumber("lag_seconds", (long)lag.TotalSeconds);
                }
                else
                {
                    json.WriteNull("lag_seconds");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Command CreateCheck()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster YAML file.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON." };
        var trace = new Option<FileInfo?>("--trace") { Description = "Our trace file (default: <root>/public/dumpdist-trace.txt of the host active for rsync)." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds each mirror gets to answer.", DefaultValueFactory = _ => 20 };
        var command = new Command("check", "Fetch every active mirror's copy of our trace file and say whether it is fresh, stale (by how long), unreachable or wrong.")
        {
            config, json, trace, timeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
            await CheckAsync(
                parseResult.GetRequiredValue(config).ToString(),
                parseResult.GetValue(trace)?.FullName,
                parseResult.GetValue(json),
                TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(timeout))),
                Console.Out,
                Console.Error,
                cancellationToken));
        return command;
    }
}
