using DumpDist.Nfs.Metrics;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>
/// One round of the client agent: probe each server, mount the ones that answer and are not
/// mounted, stat each one's canary, learn the assignment, decide (see <see cref="FailoverPolicy"/>), point the links,
/// and record the outcome in the state file.
/// </summary>
public sealed class ClientAgent(
    ClientAgentOptions options,
    ServerHealthChecker healthChecker,
    AssignmentClient assignments,
    IMountTable mountTable,
    IMounter mounter,
    TimeProvider timeProvider,
    NfsMetrics metrics,
    ILogger<ClientAgent> logger)
{
    private readonly ClientAgentStateStore _store = new(options.StateFile);

    /// <summary>Runs one round.</summary>
    public async Task<ClientAgentReport> RunOnceAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var (state, stateProblem) = await _store.LoadAsync(cancellationToken);
        if (stateProblem is not null)
        {
            problems.Add(stateProblem);
        }

        var mountProblems = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var health = await Task.WhenAll(options.Servers.Select(s => healthChecker.CheckAsync(
            s,
            options,
            cancellationToken,
            options.Mount ? (server, ct) => EnsureMountedAsync(server, mountProblems, ct) : null)));
        problems.AddRange(mountProblems.Order(StringComparer.Ordinal));
        var assignment = await assignments.GetAsync(options, cancellationToken);
        var now = timeProvider.GetUtcNow();

        var records = new Dictionary<string, ServerRecord>(StringComparer.Ordinal);
        foreach (var h in health)
        {
            state.Servers.TryGetValue(h.Name, out var before);
            records[h.Name] = new ServerRecord
            {
                Healthy = h.Healthy,
                HealthySince = h.Healthy ? before?.HealthySince ?? now : null,
                Detail = h.Detail,
                CheckedAt = now,
            };
            if (before is null || before.Healthy != h.Healthy)
            {
                ClientAgentLog.HealthChanged(logger, options.Service, h.Name, h.Healthy ? "healthy" : "unhealthy", h.Detail);
            }

            metrics.SetProbe(h.Name, h.Healthy, h.ProbeLatency);
        }

        var current = state.Current ?? InferCurrentFromLinks();
        var decision = FailoverPolicy.Decide(
            options.Servers.Select(s => s.Name).ToList(),
            assignment.Host,
            current,
            health.ToDictionary(h => h.Name, StringComparer.Ordinal),
            records.ToDictionary(r => r.Key, r => r.Value.HealthySince, StringComparer.Ordinal),
            now,
            options.Hysteresis);

        var target = options.FindServer(decision.Target)!;
        var linksOk = true;
        foreach (var link in options.Links)
        {
            var (_, error) = SymlinkSwitcher.Point(link.Link, LinkTarget(target, link));
            if (error is not null)
            {
                problems.Add(error);
                linksOk = false;
            }
        }

        // If a link could not be pointed, the clients still use the old server: record that, not the wish.
        var pointedAt = linksOk ? decision.Target : current ?? decision.Target;
        var switched = linksOk && !string.Equals(current, decision.Target, StringComparison.Ordinal);
        var lastSwitch = state.LastSwitch;
        if (switched)
        {
            lastSwitch = new SwitchRecord(now, current, decision.Target, decision.Reason);
            ClientAgentLog.Switched(logger, options.Service, current, decision.Target, decision.Reason);
            metrics.CountSwitch(options.Service, current, decision.Target);
        }
        else
        {
            ClientAgentLog.Stayed(logger, options.Service, pointedAt, decision.Reason);
        }

        foreach (var problem in problems)
        {
            ClientAgentLog.Problem(logger, options.Service, problem);
        }

        metrics.SetActive(options.Service, options.Servers.Select(s => s.Name), pointedAt);
        await _store.SaveAsync(
            new ClientAgentState
            {
                Current = pointedAt,
                Assigned = assignment.Host,
                AssignmentSource = assignment.Source,
                Reason = decision.Reason,
                Servers = records,
                LastSwitch = lastSwitch,
                UpdatedAt = now,
            },
            cancellationToken);

        if (options.MetricsFile is { } metricsFile)
        {
            await metrics.WriteTextFileAsync(metricsFile, cancellationToken);
        }

        return new ClientAgentReport(pointedAt, switched, decision.Reason, assignment, health, problems);
    }

    private async Task EnsureMountedAsync(ServerTarget server, System.Collections.Concurrent.ConcurrentQueue<string> problems, CancellationToken cancellationToken)
    {
        if (mountTable.IsMounted(server.MountPoint))
        {
            return;
        }

        var result = await mounter.MountAsync(server, cancellationToken);
        if (!result.Succeeded)
        {
            problems.Enqueue($"mount {server.Name} at {server.MountPoint}: {result.Describe("mount")}");
        }
    }

    private string? InferCurrentFromLinks()
    {
        var first = options.Links.FirstOrDefault();
        var pointsAt = first is null ? null : SymlinkSwitcher.Read(first.Link);
        return pointsAt is null
            ? null
            : options.Servers.FirstOrDefault(s => string.Equals(LinkTarget(s, first!), pointsAt, StringComparison.Ordinal))?.Name;
    }

    private static string LinkTarget(ServerTarget server, LinkSpec link) =>
        string.IsNullOrEmpty(link.Target) ? server.MountPoint : Path.Combine(server.MountPoint, link.Target);
}
