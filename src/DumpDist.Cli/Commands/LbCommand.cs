using System.CommandLine;
using DumpDist.Core.Configuration;
using DumpDist.Core.IO;
using DumpDist.Node.Admin;
using DumpDist.Node.LoadBalancing;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist lb haproxy --config FILE [--web-bind ADDR:PORT] [--https-bind ADDR:PORT] [--rsync-bind ADDR:PORT] [--rsync-send-proxy] [--out FILE]`.</summary>
internal static class LbCommand
{
    private const string Name = "dumpdist lb haproxy";

    public static Command Create() =>
        new("lb", "Load balancer tools: render a balancer's configuration from the cluster file.")
        {
            CreateHaproxy(),
        };

    /// <summary>
    /// Loads the cluster file and renders the HAProxy configuration to <paramref name="outPath"/>
    /// (atomically) or <paramref name="output"/>. Exit 2 with positioned errors for a bad cluster
    /// file, or with a message for a bad bind; warnings go to <paramref name="error"/> and still exit 0.
    /// </summary>
    internal static async Task<int> HaproxyAsync(
        string configPath,
        string? webBind,
        string? httpsBind,
        string? rsyncBind,
        bool rsyncSendProxy,
        string? outPath,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var bindErrors = new List<string>();
        var options = new HaproxyRenderOptions
        {
            SourceName = Path.GetFileName(configPath),
            WebBind = ParseBind("--web-bind", webBind, bindErrors),
            HttpsBind = ParseBind("--https-bind", httpsBind, bindErrors),
            RsyncBind = ParseBind("--rsync-bind", rsyncBind, bindErrors),
            RsyncSendProxy = rsyncSendProxy,
        };
        var loaded = ClusterConfigLoader.Load(configPath);
        if (!loaded.Success || bindErrors.Count > 0)
        {
            foreach (var problem in loaded.Errors)
            {
                await error.WriteLineAsync(problem.ToString().AsMemory(), cancellationToken);
            }

            if (loaded.Errors.Count > 0)
            {
                var count = loaded.Errors.Count;
                await error.WriteLineAsync($"{configPath}: {count} error{(count == 1 ? string.Empty : "s")}".AsMemory(), cancellationToken);
            }

            foreach (var problem in bindErrors)
            {
                await error.WriteLineAsync($"{Name}: {problem}".AsMemory(), cancellationToken);
            }

            return ExitCodes.UsageOrConfig;
        }

        // The admin section as the node reads it, so the checks speak what the admin listener serves.
        var admin = AdminSettings.From(loaded.Config);
        options = options with { AdminUsesTls = admin.Certificate is not null, AdminCaFile = admin.CertificateAuthority };
        var rendered = HaproxyConfigRenderer.Render(loaded.Config, options);
        if (!rendered.Success)
        {
            foreach (var problem in rendered.Errors)
            {
                await error.WriteLineAsync($"{Name}: {problem}".AsMemory(), cancellationToken);
            }

            return ExitCodes.UsageOrConfig;
        }

        foreach (var warning in rendered.Warnings)
        {
            await error.WriteLineAsync($"{Name}: warning: {warning}".AsMemory(), cancellationToken);
        }

        if (outPath is not null)
        {
            await AtomicFile.WriteAllTextAsync(outPath, rendered.Text!, cancellationToken);
            return ExitCodes.Success;
        }

        await output.WriteAsync(rendered.Text.AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static HaproxyBind? ParseBind(string option, string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (HaproxyBind.TryParse(text, out var bind, out var problem))
        {
            return bind;
        }

        errors.Add($"{option}: {problem}");
        return null;
    }

    private static Command CreateHaproxy()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster YAML file.", Required = true };
        var webBind = new Option<string?>("--web-bind") { Description = "Where the plain HTTP frontend listens (default :80, every IPv4 address).", HelpName = "ADDR:PORT" };
        var httpsBind = new Option<string?>("--https-bind") { Description = "Where the HTTPS (TLS passthrough) frontend listens when services.web.https_listen is set (default :443).", HelpName = "ADDR:PORT" };
        var rsyncBind = new Option<string?>("--rsync-bind") { Description = "Where the rsync frontend listens (default :873).", HelpName = "ADDR:PORT" };
        var rsyncSendProxy = new Option<bool>("--rsync-send-proxy") { Description = "Kept for scripts: the PROXY v2 header to the rsync daemons is sent when services.rsync.proxy_protocol is true in the cluster file (which also sets the daemons' proxy protocol = yes); with the key unset this flag is an error." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the configuration here (atomically) instead of to stdout." };
        var command = new Command("haproxy", "Render an HAProxy 2.6 configuration: web, HTTPS passthrough and rsync frontends to every host, health-checked on the nodes' /healthz endpoints.")
        {
            config, webBind, httpsBind, rsyncBind, rsyncSendProxy, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
            await HaproxyAsync(
                parseResult.GetRequiredValue(config).ToString(),
                parseResult.GetValue(webBind),
                parseResult.GetValue(httpsBind),
                parseResult.GetValue(rsyncBind),
                parseResult.GetValue(rsyncSendProxy),
                parseResult.GetValue(output)?.FullName,
                Console.Out,
                Console.Error,
                cancellationToken));
        return command;
    }
}
