using System.CommandLine;
using DumpDist.Core.Configuration.Source;
using DumpDist.Nfs.Exports;
using DumpDist.Node.Admin;
using DumpDist.Node.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist node --config FILE --host NAME`: every service of a serving host in one process.</summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster file (the same on every host); edits apply without a restart.", Required = true };
        var host = new Option<string>("--host") { Description = "This host's name in the cluster file.", Required = true };
        var nfsServer = new Option<string?>("--nfs-server") { Description = "NFS server to run: ganesha or kernel (default: kernel when /proc/fs/nfsd exists, else ganesha)." };
        var accessLog = new Option<string?>("--access-log") { Description = "Web access log file in nginx combined format." };
        var command = new Command("node", "Run a serving host: scheduled sync and verification, web, NFS, the admin API and health for load balancers.")
        {
            config, host, nfsServer, accessLog,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var file = parseResult.GetRequiredValue(config);
            var name = parseResult.GetRequiredValue(host);
            ExportsFormat? server = parseResult.GetValue(nfsServer) switch
            {
                null => null,
                "ganesha" => ExportsFormat.Ganesha,
                "kernel" => ExportsFormat.Kernel,
                var other => (ExportsFormat)(-1),
            };
            if (server is (ExportsFormat)(-1))
            {
                await Console.Error.WriteLineAsync($"dumpdist node: --nfs-server must be ganesha or kernel, got '{parseResult.GetValue(nfsServer)}'");
                return ExitCodes.UsageOrConfig;
            }

            return await RunAsync(file, name, new NodeOptions { HostName = name, NfsServer = server, AccessLogPath = parseResult.GetValue(accessLog) }, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, string hostName, NodeOptions options, CancellationToken cancellationToken)
    {
        var source = ClusterConfigSource.Open(file.FullName, NullLogger.Instance, out var errors);
        if (source is null)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync(error.ToString());
            }

            await Console.Error.WriteLineAsync($"dumpdist node: {file.FullName} has errors; nothing started");
            return ExitCodes.UsageOrConfig;
        }

        if (source.Current.FindHost(hostName) is null)
        {
            await Console.Error.WriteLineAsync($"dumpdist node: --host {hostName}: no such host in {file.FullName} (hosts: {string.Join(", ", source.Current.Hosts.Select(h => h.Name))})");
            return ExitCodes.UsageOrConfig;
        }

        var settings = AdminSettings.From(source.Current);
        var tokens = AdminTokens.Load(settings.Tokens, out var tokenErrors);
        if (tokens is null || tokens.Count == 0)
        {
            foreach (var error in tokenErrors)
            {
                await Console.Error.WriteLineAsync($"dumpdist node: {error}");
            }

            if (tokenErrors.Count == 0)
            {
                await Console.Error.WriteLineAsync("dumpdist node: no admin token configured (admin.tokens in the cluster file); the admin API would refuse every call");
            }

            return ExitCodes.UsageOrConfig;
        }

        IHost node;
        try
        {
            node = NodeHostBuilder.Build(source, options, tokens);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"dumpdist node: {e.Message}");
            return ExitCodes.UsageOrConfig;
        }

        using (node)
        {
            try
            {
                await node.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
            {
                await Console.Error.WriteLineAsync($"dumpdist node: cannot start: {e.Message}");
                await node.StopAsync(CancellationToken.None);
                return ExitCodes.UsageOrConfig;
            }

            await node.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }
}
