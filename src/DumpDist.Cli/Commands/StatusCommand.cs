using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DumpDist.Core.Cluster;
using DumpDist.Node.Admin;
using DumpDist.Node.Status;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist status --config FILE [--json]`: every host, every service, who is active, health, sync freshness, drain state, the last audit entries.</summary>
internal static class StatusCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster file.", Required = true };
        var json = new Option<bool>("--json") { Description = "Machine-readable output." };
        var tokenFile = AdminOptions.TokenFile();
        var command = new Command("status", "Show the cluster: hosts, services, active hosts, health, sync freshness, drains, recent changes. Exit 1 when a host is unreachable or an active service is unhealthy.")
        {
            config, json, tokenFile,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (await ClusterArguments.LoadAsync(parseResult.GetRequiredValue(config), "status") is not { } cluster)
            {
                return ExitCodes.UsageOrConfig;
            }

            var settings = AdminSettings.From(cluster);
            if (ClusterArguments.Token(settings, parseResult.GetValue(tokenFile), out var tokenError) is not { } token)
            {
                await Console.Error.WriteLineAsync($"dumpdist status: {tokenError}");
                return ExitCodes.UsageOrConfig;
            }

            using var http = AdminHttp.Create(settings);
            var clients = AdminHttp.Clients(cluster, settings, http, token);
            var states = await Task.WhenAll(cluster.Hosts.Select(async h => (Host: h.Name, Result: await clients[h.Name].StateAsync(cancellationToken))));
            var newest = states.Where(s => s.Result.Ok).Select(s => s.Result.Value!).OrderByDescending(s => s.Assignments.Epoch).FirstOrDefault();
            IReadOnlyList<AuditRecord> audit = [];
            if (newest is not null)
            {
                audit = (await clients[newest.Host].AuditAsync(5, cancellationToken)).Value ?? [];
            }

            var problems = new List<string>();
            foreach (var (host, result) in states.Where(s => !s.Result.Ok))
            {
                problems.Add($"{host} is unreachable ({result.Error})");
            }

            if (newest is not null)
            {
                foreach (var (service, active) in newest.Assignments.Services)
                {
                    var activeState = states.FirstOrDefault(s => s.Host == active).Result?.Value;
                    if (activeState?.Services.FirstOrDefault(s => s.Name == service) is { Healthy: false } bad)
                    {
                        problems.Add($"{service}: active host {active} is not healthy ({bad.Detail})");
                    }
                }
            }

            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(states, newest, audit, problems);
            }
            else
            {
                WriteTable(states, newest, audit, problems);
            }

            return problems.Count == 0 ? ExitCodes.Success : ExitCodes.ProblemFound;
        });
        return command;
    }

    private static void WriteTable((string Host, AdminResult<NodeState> Result)[] states, NodeState? newest, IReadOnlyList<AuditRecord> audit, List<string> problems)
    {
        var now = DateTimeOffset.UtcNow;
        if (newest is not null)
        {
            Console.WriteLine($"assignments (epoch {newest.Assignments.Epoch}):");
            foreach (var (service, host) in newest.Assignments.Services.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {service,-14} -> {host}");
            }

            if (newest.Assignments.Draining.Count > 0)
            {
                Console.WriteLine($"  draining: {string.Join(", ", newest.Assignments.Draining)}");
            }
        }

        Console.WriteLine();
        foreach (var (host, result) in states)
        {
            if (result.Value is not { } state)
            {
                Console.WriteLine($"{host}: UNREACHABLE ({result.Error})");
                continue;
            }

            Console.WriteLine($"{host}: up{(state.Draining ? ", DRAINING" : string.Empty)}{(state.StoreReachable ? string.Empty : ", assignment store unreachable")}, epoch {state.Assignments.Epoch}, dumpdist {state.Version}");
            foreach (var service in state.Services)
            {
                var word = service.Healthy ? "healthy (active)" : service.Working ? "standby" : "DOWN";
                Console.WriteLine($"  {service.Name,-14} {word,-17} {service.Detail}");
            }

            foreach (var dataset in state.Datasets)
            {
                var age = dataset.LastGoodCompleted is { } done ? $"last good pass {AgeText.Of(now - done)} ago" : "no good pass yet";
                Console.WriteLine($"  sync {dataset.Name,-20} {age}{(dataset.Running ? ", running" : string.Empty)}{(dataset.LastOutcome is { } o && o != "ok" ? $", last pass {o}" : string.Empty)}");
            }
        }

        if (audit.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("recent changes:");
            foreach (var record in audit)
            {
                Console.WriteLine($"  epoch {record.Epoch} {record.Time.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)} {record.Action} {record.Service} {record.From} -> {record.To} by {record.Token}{(record.Forced ? " (forced)" : string.Empty)}{(record.Reason is { } r ? $": {r}" : string.Empty)}");
            }
        }

        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"dumpdist status: {problem}");
        }
    }

    private static async Task WriteJsonAsync((string Host, AdminResult<NodeState> Result)[] states, NodeState? newest, IReadOnlyList<AuditRecord> audit, List<string> problems)
    {
        using var stdout = Console.OpenStandardOutput();
        await using var writer = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        if (newest is not null)
        {
            writer.WritePropertyName("assignments");
            JsonSerializer.Serialize(writer, newest.Assignments, ClusterJsonContext.Default.AssignmentSet);
        }

        writer.WriteStartArray("hosts");
        foreach (var (host, result) in states)
        {
            writer.WriteStartObject();
            writer.WriteString("host", host);
            writer.WriteBoolean("reachable", result.Ok);
            if (result.Value is { } state)
            {
                writer.WritePropertyName("state");
                JsonSerializer.Serialize(writer, state, ClusterJsonContext.Default.NodeState);
            }
            else
            {
                writer.WriteString("error", result.Error);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WritePropertyName("audit");
        JsonSerializer.Serialize(writer, audit, ClusterJsonContext.Default.IReadOnlyListAuditRecord);
        writer.WriteStartArray("problems");
        foreach (var problem in problems)
        {
            writer.WriteStringValue(problem);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync();
        await stdout.WriteAsync("\n"u8.ToArray());
    }
}
