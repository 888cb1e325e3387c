using System.CommandLine;
using DumpDist.Web.Hosting;
using DumpDist.Web.Qos;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist web`: the public download service on its own (the one-off form).</summary>
internal static class WebCommand
{
    public static Command Create()
    {
        var root = new Option<DirectoryInfo>("--root") { Description = "Directory to serve at /.", Required = true };
        var listen = new Option<string[]>("--listen") { Description = "Listen URL, e.g. http://0.0.0.0:8080 (repeatable).", Required = true, AllowMultipleArgumentsPerToken = false };
        var connLimit = new Option<int>("--conn-limit") { Description = "Concurrent downloads per client IP + User-Agent (0 = unlimited).", DefaultValueFactory = _ => 3 };
        var rate = new Option<long>("--rate") { Description = "Per-download rate in bytes/s after --rate-after bytes (0 = unlimited).", DefaultValueFactory = _ => 5 * QosSettings.MiB };
        var rateAfter = new Option<long>("--rate-after") { Description = "Bytes of each download sent before --rate applies.", DefaultValueFactory = _ => QosSettings.MiB };
        var ipRate = new Option<long>("--ip-rate") { Description = "Aggregate rate in bytes/s shared by all downloads of one client IP (0 = unlimited).", DefaultValueFactory = _ => 0 };
        var globalRate = new Option<long>("--global-rate") { Description = "Aggregate egress rate of this server in bytes/s (0 = unlimited).", DefaultValueFactory = _ => 0 };
        var admin = new Option<string?>("--admin-listen") { Description = "Admin listener for /metrics, /health, POST /drain (keep it private)." };
        var accessLog = new Option<string?>("--access-log") { Description = "Access log file in nginx combined format ('-' for stdout)." };
        var noSendfile = new Option<bool>("--no-sendfile") { Description = "Copy file bodies through Kestrel instead of sendfile(2)." };
        var command = new Command("web", "Serve a dump tree over HTTP: files, ranges, listings, QoS.")
        {
            root, listen, connLimit, rate, rateAfter, ipRate, globalRate, admin, accessLog, noSendfile,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new WebServerOptions
            {
                Root = parseResult.GetRequiredValue(root).FullName,
                AdminListen = parseResult.GetValue(admin),
                AccessLogPath = parseResult.GetValue(accessLog),
                ZeroCopy = !parseResult.GetValue(noSendfile),
                Qos = new QosSettings
                {
                    ConnLimit = parseResult.GetValue(connLimit),
                    Rate = parseResult.GetValue(rate),
                    RateAfter = parseResult.GetValue(rateAfter),
                    IpRate = parseResult.GetValue(ipRate),
                    GlobalRate = parseResult.GetValue(globalRate),
                },
            };
            options.Listen.AddRange(parseResult.GetRequiredValue(listen));
            return await RunAsync(options, cancellationToken);
        });
        return command;
    }

    internal static async Task<int> RunAsync(WebServerOptions options, CancellationToken cancellationToken)
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

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "yyyy-MM-ddTHH:mm:ssZ "; console.UseUtcTimestamp = true; })
            .SetMinimumLevel(Environment.GetEnvironmentVariable("DUMPDIST_LOG_LEVEL") is { } level && Enum.TryParse<LogLevel>(level, true, out var parsed) ? parsed : LogLevel.Information));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        using var sigint = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        WebServer server;
        try
        {
            server = await WebServer.StartAsync(options, loggerFactory, cancellationToken: stop.Token);
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

        await using (server)
        {
            // The bound addresses on stdout, one per line, so scripts using port 0 can find them.
            foreach (var address in server.Addresses)
            {
                Console.WriteLine($"listening {address}");
            }

            if (server.AdminAddress is not null)
            {
                Console.WriteLine($"admin {server.AdminAddress}");
            }

            await Console.Out.FlushAsync(CancellationToken.None);
            await server.WaitForShutdownAsync(stop.Token);
        }

        return ExitCodes.Success;
    }
}
