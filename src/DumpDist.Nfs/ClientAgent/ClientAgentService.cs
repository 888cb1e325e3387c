using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>Runs a client agent round every <see cref="ClientAgentOptions.Interval"/> until the host stops.</summary>
public sealed class ClientAgentService(ClientAgent agent, ClientAgentOptions options, TimeProvider timeProvider, ILogger<ClientAgentService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Interval, timeProvider);
        do
        {
            try
            {
                await agent.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A round that failed unexpectedly (disk full for the state file...) must not end the agent.
                ClientAgentServiceLog.RoundFailed(logger, options.Service, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
