using DumpDist.Node.Composition;
using DumpDist.Sync.State;
using System.CommandLine;
using DumpDist.Core.Configuration;
using DumpDist.Web.Configuration;
using DumpDist.Web.Hosting;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;
using DumpDist.Core.Configuration.Source;
using DumpDist.Node.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist web`: the public download service on its own (the one-off form).</summary>
internal static class WebCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "Cluster file; with --host, takes root, listeners and qos from it (qos reloads when the file changes)." };
        var host = new Option<string?>("--host") { Description = "This host's name in the cluster file." };
        var root = new Option<DirectoryInfo?>("--root") { Description = "Tree root (its public/ is served at /, or the directory itself if it has none)." };
        var listen = new Option<string[]>("--listen") { Description = "Listen URL, e.g. http://0.0.0.0:8080 (repeatable).", AllowMultipleArgumentsPerToken = false };
        var connLimit = new Option<int>("--conn-limit") { Description = "Concurrent downloads per client IP + User-Agent (0 = unlimited).", DefaultValueFactory = _ => QosDefaults.ConnLimit };
        var rate = SizeOption.Bytes("--rate", "Per-download rate in bytes/s after --rate-after bytes (0 = unlimited).", QosDefaults.Rate);
        var rateAfter = SizeOption.Bytes("--rate-after", "Bytes of each download sent before --rate applies.", QosDefaults.RateAfter);
        var ipRate = SizeOption.Bytes("--ip-rate", "Aggregate rate in bytes/s shared by all downloads of one client IP (0 = unlimited).", 0);
        var globalRate = SizeOption.Bytes("--global-rate", "Aggregate egress rate of this server in bytes/s (0 = unlimited).", 0);
        var admin = new Option<string?>("--admin-listen") { Description = "Admin listener for /metrics, /health, POST /drain (keep it private)." };
        var accessLog = new Option<string?>("--access-log") { Description = "Access log file in nginx combined format ('-' for stdout)." };
        var noSendfile = new Option<bool>("--no-sendfile") { Description = "Copy file bodies through Kestrel instead of sendfile(2)." };
        var httpsListen = new Option<string[]>("--https-listen") { Description = "HTTPS listen URL (repeatable); needs --certificate and --certificate-key." };
        var certificate = new Option<FileInfo?>("--certificate") { Description = "PEM certificate (chain); re-read when it changes." };
        var certificateKey = new Option<FileInfo?>("--certificate-key") { Description = "PEM private key; re-read when it changes." };
        var publicUrl = new Option<string?>("--public-url") { Description = "The site's public base URL (e.g. https://dumps.example.org/): absolute links in feeds, Metalink and redirects use it; overrides services.web.public_url. Without it links are relative." };
        var command = new Command("web", "Serve a dump tree over HTTP: files, ranges, listings, QoS.")
        {
            config, host, root, listen, connLimit, rate, rateAfter, ipRate, globalRate, admin, accessLog, noSendfile, httpsListen, certificate, certificateKey, publicUrl,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            Uri? publicBase = null;
            if (parseResult.GetValue(publicUrl) is { } publicText && !PublicBaseUrl.TryParse(publicText, out publicBase, out var publicError))
            {
                await Console.Error.WriteLineAsync($"dumpdist web: {publicError}");
                return ExitCodes.UsageOrConfig;
            }

            var configFile = parseResult.GetValue(config);
            var hostName = parseResult.GetValue(host);
            if (configFile is not null || hostName is not null)
            {
                if (configFile is null || hostName is null)
                {
                    await Console.Error.WriteLineAsync("dumpdist web: --config and --host go together");
                    return ExitCodes.UsageOrConfig;
                }

                var loaded = ClusterConfigLoader.Load(configFile.FullName);
                if (!loaded.Success)
                {
                    foreach (var error in loaded.Errors)
                    {
                        await Console.Error.WriteLineAsync(error.ToString());
                    }

                    return ExitCodes.UsageOrConfig;
                }

                var hostConfig = loaded.Config!.FindHost(hostName);
                if (hostConfig is null)
                {
                    await Console.Error.WriteLineAsync($"dumpdist web: host '{hostName}' is not in {configFile.FullName} (hosts: {string.Join(", ", loaded.Config.Hosts.Select(h => h.Name))})");
                    return ExitCodes.UsageOrConfig;
                }

                var fromConfig = WebServerOptionsFactory.Create(loaded.Config, hostConfig);
                if (fromConfig is null)
                {
                    await Console.Error.WriteLineAsync($"dumpdist web: {configFile.FullName} has no services.web; this cluster runs no web service");
                    return ExitCodes.UsageOrConfig;
                }

                fromConfig.AdminListen = parseResult.GetValue(admin);
                fromConfig.AccessLogPath = parseResult.GetValue(accessLog);
                fromConfig.ZeroCopy = !parseResult.GetValue(noSendfile);
                fromConfig.PublicUrl = publicBase ?? fromConfig.PublicUrl;
                return await RunAsync(fromConfig, configFile.FullName, hostConfig.StateDir, cancellationToken, hostName, publicBase);
            }

            if (parseResult.GetValue(root) is null || parseResult.GetValue(listen) is not { Length: > 0 })
            {
                await Console.Error.WriteLineAsync("dumpdist web: give --config FILE --host NAME, or --root DIR --listen URL");
                return ExitCodes.UsageOrConfig;
            }

            var options = new WebServerOptions
            {
                Root = parseResult.GetValue(root)!.FullName,
                AdminListen = parseResult.GetValue(admin),
                AccessLogPath = parseResult.GetValue(accessLog),
                ZeroCopy = !parseResult.GetValue(noSendfile),
                PublicUrl = publicBase,
                Qos = new QosSettings
                {
                    ConnLimit = parseResult.GetValue(connLimit),
                    Rate = parseResult.GetValue(rate),
                    RateAfter = parseResult.GetValue(rateAfter),
                    IpRate = parseResult.GetValue(ipRate),
                    GlobalRate = parseResult.GetValue(globalRate),
                },
            };
            options.Listen.AddRange(parseResult.GetValue(listen)!);
            options.HttpsListen.AddRange(parseResult.GetValue(httpsListen) ?? []);
            options.CertificatePath = parseResult.GetValue(certificate)?.FullName;
            options.CertificateKeyPath = parseResult.GetValue(certificateKey)?.FullName;
            return await RunAsync(options, configPath: null, StateDirectories.DefaultFor(options.Root), cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(WebServerOptions options, string? configPath, string? stateDirectory, CancellationToken cancellationToken, string? hostName = null, Uri? publicUrlOverride = null)
    {
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync($"dumpdist web: {problem}");
            }

            return ExitCodes.UsageOrConfig;
        }

        // The same generic host and web service the node runs; logs on stderr, stdout carries
        // only the bound addresses (for scripts using port 0). SIGTERM/SIGINT stop it gracefully.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.AddDumpDistConsole(toStandardError: true);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout + TimeSpan.FromSeconds(5));
        if (stateDirectory is not null)
        {
            builder.Services.AddSingleton(VerificationDigestLookup.ForTree(stateDirectory, options.Root, TimeProvider.System));
        }

        if (configPath is not null && hostName is not null)
        {
            var source = ClusterConfigSource.Open(configPath, NullLogger.Instance, out _);
            if (source is null)
            {
                return ExitCodes.UsageOrConfig;
            }

            builder.Services.AddDumpDistClusterConfig(source, watch: true);
            var host = new WebHostOptions { HostName = hostName, AccessLogPath = options.AccessLogPath, ZeroCopy = options.ZeroCopy, AdminListen = options.AdminListen, PublicUrl = publicUrlOverride };
            builder.Services.AddDumpDistWeb(host);
        }
        else
        {
            builder.Services.AddDumpDistWeb(_ => new FixedWebOptionsSource(options));
        }

        using var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"dumpdist web: cannot listen: {e.Message}");
            return ExitCodes.UsageOrConfig;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"dumpdist web: {e.Message}");
            return ExitCodes.UsageOrConfig;
        }

        var server = app.Services.GetRequiredService<WebHostedService>().Server!;
        foreach (var address in server.Addresses)
        {
            Console.WriteLine($"listening {address}");
        }

        if (server.AdminAddress is not null)
        {
            Console.WriteLine($"admin {server.AdminAddress}");
        }

        await Console.Out.FlushAsync(CancellationToken.None);
        await app.WaitForShutdownAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
