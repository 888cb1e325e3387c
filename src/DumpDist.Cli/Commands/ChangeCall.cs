using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;
using DumpDist.Node.Admin;

namespace DumpDist.Cli.Commands;

/// <summary>
/// Sends a change (failover, drain, undrain) to one node, which checks the guards and commits it
/// to every node: the preferred host first, then the others in cluster-file order until one answers.
/// </summary>
internal static class ChangeCall
{
    public static async Task<int> RunAsync(
        string command,
        FileInfo configFile,
        FileInfo? tokenFile,
        string? preferred,
        Func<AdminClient, CancellationToken, Task<AdminResult<ChangeResponse>>> call,
        CancellationToken cancellationToken)
    {
        if (await ClusterArguments.LoadAsync(configFile, command) is not { } config)
        {
            return ExitCodes.UsageOrConfig;
        }

        var settings = AdminSettings.From(config);
        if (ClusterArguments.Token(settings, tokenFile, out var tokenError) is not { } token)
        {
            await Console.Error.WriteLineAsync($"dumpdist {command}: {tokenError}");
            return ExitCodes.UsageOrConfig;
        }

        using var http = AdminHttp.Create(settings);
        var clients = AdminHttp.Clients(config, settings with { Timeout = AnswerTimeout(config, settings) }, http, token);
        var order = clients.Keys.OrderBy(h => h == preferred ? 0 : 1).ThenBy(h => config.HostIndex(h)).ToList();
        var misses = new List<string>();
        foreach (var host in order)
        {
            var result = await call(clients[host], cancellationToken);
            if (result.Unreachable)
            {
                misses.Add($"{host}: {result.Error}");
                continue;
            }

            if (result.Status == 401)
            {
                await Console.Error.WriteLineAsync($"dumpdist {command}: {host} refused the admin token (401)");
                return ExitCodes.UsageOrConfig;
            }

            if (result.Value is not { } response)
            {
                await Console.Error.WriteLineAsync($"dumpdist {command}: {host}: {result.Error}");
                return ExitCodes.ProblemFound;
            }

            var output = response.Ok ? Console.Out : Console.Error;
            await output.WriteLineAsync($"{(response.Ok ? string.Empty : $"dumpdist {command}: ")}{response.Message}");
            if (response.Assignments is { } set)
            {
                await Console.Out.WriteLineAsync($"epoch {set.Epoch}: {string.Join(", ", set.Services.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key}={s.Value}"))}{(set.Draining.Count > 0 ? $"; draining: {string.Join(", ", set.Draining)}" : string.Empty)}");
            }

            return response.Ok ? ExitCodes.Success : ExitCodes.ProblemFound;
        }

        await Console.Error.WriteLineAsync($"dumpdist {command}: no node answered: {string.Join("; ", misses)}");
        return ExitCodes.ProblemFound;
    }

    /// <summary>
    /// How long a node may take to answer a change: its guards ask the target and the active host
    /// for their state (admin.timeout each), then it commits (one etcd call within
    /// assignments.etcd.timeout, or pushes to the peers within admin.timeout). Waiting only
    /// admin.timeout would report a node that is still deciding as not answering.
    /// </summary>
    private static TimeSpan AnswerTimeout(ClusterConfig config, AdminSettings settings)
    {
        var commit = config.Assignments is { Store: AssignmentStoreKind.Etcd, Etcd: { } etcd } ? etcd.Timeout : settings.Timeout;
        return (settings.Timeout * 3) + commit;
    }
}
