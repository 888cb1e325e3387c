using System.CommandLine;
using DumpDist.Nfs.ClientAgent;
using DumpDist.Nfs.Metrics;
using DumpDist.Node.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist client --config FILE [--once]`: the NFS client agent of a VPS or analytics host.</summary>
internal static class ClientCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The client agent file (docs/nfs.md); it names the cluster file.", Required = true };
        var once = new Option<bool>("--once") { Description = "Run one round and exit (for a systemd timer): 0 when the links point at a healthy server, 1 otherwise." };
        var command = new Command("client", "NFS client agent: mount both servers, check their health, point the symlinks at the active healthy one, fail over and back by itself.")
        {
            config, once,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var loaded = ClientConfigLoader.Load(parseResult.GetRequiredValue(config).ToString());
            if (!loaded.Success)
            {
                foreach (var error in loaded.Errors)
                {
                    await Console.Error.WriteLineAsync(error);
                }

                return ExitCodes.UsageOrConfig;
            }

            return parseResult.GetValue(once)
                ? await RunOnceAsync(loaded.Options, cancellationToken)
                : await RunServiceAsync(loaded.Options, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunOnceAsync(ClientAgentOptions options, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
        var agent = ClientAgentFactory.Create(options, TimeProvider.System, new NfsMetrics(Prometheus.Metrics.NewCustomRegistry()), loggers);
        var report = await agent.RunOnceAsync(cancellationToken);
        var target = options.FindServer(report.Target)!;
        Console.WriteLine($"{options.Service}: links -> {report.Target} ({target.MountPoint}){(report.Switched ? " [switched]" : string.Empty)}: {report.Reason}");
        Console.WriteLine($"assignment: {report.Assignment.Host} from {report.Assignment.Source}");
        foreach (var health in report.Health)
        {
            Console.WriteLine($"  {health.Name}: {(health.Healthy ? "healthy" : "unhealthy")}: {health.Detail}");
        }

        foreach (var problem in report.Problems)
        {
            await Console.Error.WriteLineAsync($"dumpdist client: {problem}");
        }

        var healthy = report.Health.Any(h => h.Name == report.Target && h.Healthy);
        return healthy && report.Problems.Count == 0 ? ExitCodes.Success : ExitCodes.ProblemFound;
    }

    private static async Task<int> RunServiceAsync(ClientAgentOptions options, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSystemd();
        builder.Logging.AddDumpDistConsole();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => new NfsMetrics(Prometheus.Metrics.DefaultRegistry));
        builder.Services.AddSingleton(sp => ClientAgentFactory.Create(options, TimeProvider.System, sp.GetRequiredService<NfsMetrics>(), sp.GetRequiredService<ILoggerFactory>()));
        builder.Services.AddHostedService<ClientAgentService>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
