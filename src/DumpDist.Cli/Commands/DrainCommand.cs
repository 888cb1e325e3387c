using System.CommandLine;
using DumpDist.Core.Cluster;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist drain|undrain --config FILE --host HOST`.</summary>
internal static class DrainCommand
{
    public static Command Create(bool undrain)
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster file.", Required = true };
        var host = new Option<string>("--host") { Description = "The host to drain or undrain.", Required = true };
        var force = new Option<bool>("--force") { Description = "Drain even when a service has no healthy peer to move to." };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit log)." };
        var tokenFile = AdminOptions.TokenFile();
        var command = undrain
            ? new Command("undrain", "Let a drained host serve again (services stay where they are; fail them back explicitly).") { config, host, reason, tokenFile }
            : new Command("drain", "Move every service a host is active for to a healthy peer, then drain its web (downloads in flight finish or meet the deadline).") { config, host, force, reason, tokenFile };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var request = new DrainRequest
            {
                Host = parseResult.GetRequiredValue(host),
                Force = !undrain && parseResult.GetValue(force),
                Reason = parseResult.GetValue(reason),
            };

            // Ask a peer first: the host being drained may be the one in trouble.
            var configFile = parseResult.GetRequiredValue(config);
            return await ChangeCall.RunAsync(
                command.Name,
                configFile,
                parseResult.GetValue(tokenFile),
                preferred: null,
                (client, ct) => client.DrainAsync(request, undrain, ct),
                cancellationToken);
        });
        return command;
    }
}
