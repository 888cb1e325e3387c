using System.CommandLine;
using DumpDist.Core.Cluster;
using DumpDist.Node.Admin;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist failover --config FILE --service S --to HOST [--force] [--reason TEXT]`.</summary>
internal static class FailoverCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster file.", Required = true };
        var service = new Option<string>("--service") { Description = "web, rsync, nfs-vps or nfs-analytics.", Required = true };
        service.AcceptOnlyFromAmong("web", "rsync", "nfs-vps", "nfs-analytics");
        var to = new Option<string>("--to") { Description = "The host to send the service's clients to.", Required = true };
        var force = new Option<bool>("--force") { Description = "Move even if the target is unhealthy, draining or holds an older tree." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit log)." };
        var tokenFile = AdminOptions.TokenFile();
        var command = new Command("failover", "Move a service's clients to another host (a new epoch, kept by every node, with an audit record).")
        {
            config, service, to, force, reason, tokenFile,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new FailoverRequest
            {
                Service = parseResult.GetRequiredValue(service),
                To = parseResult.GetRequiredValue(to),
                Force = parseResult.GetValue(force),
                Reason = parseResult.GetValue(reason),
            };
            return await ChangeCall.RunAsync(
                "failover",
                parseResult.GetRequiredValue(config),
                parseResult.GetValue(tokenFile),
                preferred: request.To,
                (client, ct) => client.FailoverAsync(request, ct),
                cancellationToken);
        });
        return command;
    }
}
