using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Node.Admin;
using DumpDist.Node.Status;

namespace DumpDist.Node.Assignments;

/// <summary>
/// Decides failover, drain and undrain on the node that received the call: checks the guards
/// against fresh state from the hosts involved (unless forced), then commits the next epoch with
/// its audit record. A lost race for an epoch is retried once after a re-read; a commit the store
/// did not answer is not.
/// </summary>
internal sealed class FailoverCoordinator(
    IClusterConfigSource config,
    string hostName,
    IAssignmentStore store,
    NodeStateBuilder self,
    Func<IReadOnlyDictionary<string, AdminClient>> peers,
    TimeProvider time)
{
    private readonly SemaphoreSlim _one = new(1, 1);

    public async Task<ChangeResponse> FailoverAsync(FailoverRequest request, string token, CancellationToken cancellationToken)
    {
        var current = config.Current;
        if (!ServiceKinds.TryParse(request.Service, out var kind))
        {
            return Refused($"unknown service '{request.Service}' (web, rsync, nfs-vps, nfs-analytics)");
        }

        if (AssignmentDefaults.Configured(current, kind) is null)
        {
            return Refused($"service {request.Service} is not configured in the cluster file");
        }

        if (current.FindHost(request.To) is null)
        {
            return Refused($"no host '{request.To}' in the cluster file (hosts: {string.Join(", ", current.Hosts.Select(h => h.Name))})");
        }

        return await CommitAsync(
            async (set, ct) =>
            {
                var from = AssignmentDefaults.ActiveHost(set, current, kind);
                if (from == request.To)
                {
                    return (null, $"{request.Service} is already active on {request.To}");
                }

                if (!request.Force && await RefuseAsync(kind, request.To, from, set, ct) is { } why)
                {
                    return (null, "refused: " + why + " (use --force to override)");
                }

                var services = new Dictionary<string, string>(set.Services, StringComparer.Ordinal) { [request.Service] = request.To };
                return (new AssignmentChange
                {
                    Assignments = set with { Epoch = set.Epoch + 1, Services = services, Updated = time.GetUtcNow() },
                    Audit = Audit(set.Epoch + 1, token, "failover", request.Service, from, request.To, request.Reason, request.Force),
                }, null);
            },
            cancellationToken);
    }

    public async Task<ChangeResponse> DrainAsync(DrainRequest request, string token, CancellationToken cancellationToken)
    {
        var current = config.Current;
        if (current.FindHost(request.Host) is null)
        {
            return Refused($"no host '{request.Host}' in the cluster file");
        }

        return await CommitAsync(
            async (set, ct) =>
            {
                var services = new Dictionary<string, string>(set.Services, StringComparer.Ordinal);
                var moved = new List<string>();
                foreach (var kind in ServiceKinds.All.Where(k => AssignmentDefaults.Configured(current, k) is not null))
                {
                    if (AssignmentDefaults.ActiveHost(set, current, kind) != request.Host)
                    {
                        continue;
                    }

                    string? target = null;
                    var reasons = new List<string>();
                    foreach (var candidate in current.Hosts.Where(h => h.Name != request.Host && !set.IsDraining(h.Name)))
                    {
                        var why = await RefuseAsync(kind, candidate.Name, request.Host, set, ct);
                        if (why is null)
                        {
                            target = candidate.Name;
                            break;
                        }

                        reasons.Add(why);
                    }

                    if (target is null && !request.Force)
                    {
                        return (null, $"refused: no healthy peer can take {kind.ToConfigName()} ({(reasons.Count == 0 ? "no other host" : string.Join("; ", reasons))}); use --force to drain anyway");
                    }

                    if (target is not null)
                    {
                        services[kind.ToConfigName()] = target;
                        moved.Add($"{kind.ToConfigName()} -> {target}");
                    }
                }

                if (set.IsDraining(request.Host) && moved.Count == 0)
                {
                    return (null, $"{request.Host} is already draining");
                }

                return (new AssignmentChange
                {
                    Assignments = set with
                    {
                        Epoch = set.Epoch + 1,
                        Services = services,
                        Draining = [.. set.Draining.Where(h => h != request.Host), request.Host],
                        Updated = time.GetUtcNow(),
                    },
                    Audit = Audit(set.Epoch + 1, token, "drain", null, request.Host, moved.Count == 0 ? null : string.Join(", ", moved), request.Reason, request.Force),
                }, null);
            },
            cancellationToken);
    }

    public async Task<ChangeResponse> UndrainAsync(DrainRequest request, string token, CancellationToken cancellationToken)
    {
        return await CommitAsync(
            (set, _) => Task.FromResult<(AssignmentChange?, string?)>(!set.IsDraining(request.Host)
                ? (null, $"{request.Host} is not draining")
                : (new AssignmentChange
                {
                    Assignments = set with { Epoch = set.Epoch + 1, Draining = [.. set.Draining.Where(h => h != request.Host)], Updated = time.GetUtcNow() },
                    Audit = Audit(set.Epoch + 1, token, "undrain", null, request.Host, null, request.Reason, false),
                }, null)),
            cancellationToken);
    }

    private async Task<ChangeResponse> CommitAsync(Func<AssignmentSet, CancellationToken, Task<(AssignmentChange? Change, string? Message)>> decide, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var set = store.Current;
                var (change, message) = await decide(set, cancellationToken);
                if (change is null)
                {
                    var ok = message is not null && !message.StartsWith("refused", StringComparison.Ordinal);
                    return new ChangeResponse { Ok = ok, Message = message ?? string.Empty, Assignments = set };
                }

                var result = await store.CommitAsync(change, cancellationToken);
                if (result.Committed)
                {
                    return new ChangeResponse { Ok = true, Message = result.Message, Assignments = store.Current, Acknowledged = result.Acknowledged };
                }

                // A lost race is retried on a fresh read; a store that did not answer would only make the caller wait another timeout.
                if (attempt > 0 || result.Unanswered)
                {
                    return new ChangeResponse { Ok = false, Message = result.Message, Assignments = store.Current };
                }

                await store.RefreshAsync(cancellationToken);
            }
        }
        finally
        {
            _one.Release();
        }
    }

    /// <summary>Why <paramref name="target"/> must not take <paramref name="kind"/> now, or null when it may.</summary>
    private async Task<string?> RefuseAsync(ServiceKind kind, string target, string? from, AssignmentSet set, CancellationToken cancellationToken)
    {
        if (set.IsDraining(target))
        {
            return $"{target} is draining";
        }

        var targetState = await StateOfAsync(target, cancellationToken);
        if (targetState.State is not { } state)
        {
            return $"{target} is unreachable ({targetState.Error})";
        }

        var service = state.Services.FirstOrDefault(s => s.Name == kind.ToConfigName());
        if (service is null || !service.Working)
        {
            return $"{kind.ToConfigName()} does not work on {target}: {service?.Detail ?? "not running there"}";
        }

        if (from is not null && from != target && (await StateOfAsync(from, cancellationToken)).State is { } active)
        {
            foreach (var theirs in active.Datasets)
            {
                var ours = state.Datasets.FirstOrDefault(d => d.Name == theirs.Name);
                if (theirs.LastGoodStarted is not { } activeStart)
                {
                    continue;
                }

                var allowance = TimeSpan.FromSeconds(theirs.IntervalSeconds ?? 600);
                if (ours?.LastGoodStarted is not { } targetStart || activeStart - targetStart > allowance)
                {
                    return $"{target} holds an older tree of {theirs.Name} than {from} (last good pass {Describe(ours?.LastGoodStarted)} against {Describe(activeStart)})";
                }
            }
        }

        return null;
    }

    private async Task<(NodeState? State, string? Error)> StateOfAsync(string host, CancellationToken cancellationToken)
    {
        if (host == hostName)
        {
            return (self.Build(), null);
        }

        if (!peers().TryGetValue(host, out var client))
        {
            return (null, "not in the cluster file");
        }

        var result = await client.StateAsync(cancellationToken);
        return (result.Value, result.Error);
    }

    private AuditRecord Audit(long epoch, string token, string action, string? service, string? from, string? to, string? reason, bool forced) => new()
    {
        Epoch = epoch,
        Time = time.GetUtcNow(),
        Token = token,
        Action = action,
        Service = service,
        From = from,
        To = to,
        Reason = reason,
        Forced = forced,
    };

    private static string Describe(DateTimeOffset? when) => when is { } w ? w.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) : "never";

    private static ChangeResponse Refused(string message) => new() { Ok = false, Message = message };
}
