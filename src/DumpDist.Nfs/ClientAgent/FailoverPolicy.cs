namespace DumpDist.Nfs.ClientAgent;

/// <summary>
/// Decides where clients point. Stay on a healthy current server; leave an unhealthy one for a
/// healthy one at once; return to the assigned server only after it has been healthy without a
/// break for the hysteresis period, so a flapping server cannot flap its clients.
/// </summary>
public static class FailoverPolicy
{
    /// <summary>The decision for this round.</summary>
    /// <param name="servers">Server names in config order (the fallback order).</param>
    /// <param name="assigned">The cluster's (or the config's) active server.</param>
    /// <param name="current">Where the links point now; null on first run.</param>
    /// <param name="health">This round's health per server.</param>
    /// <param name="healthySince">Since when each server has been healthy without a break (null when unhealthy).</param>
    /// <param name="now">The current time.</param>
    /// <param name="hysteresis">How long the assigned server must stay healthy before clients return to it.</param>
    public static FailoverDecision Decide(
        IReadOnlyList<string> servers,
        string assigned,
        string? current,
        IReadOnlyDictionary<string, ServerHealth> health,
        IReadOnlyDictionary<string, DateTimeOffset?> healthySince,
        DateTimeOffset now,
        TimeSpan hysteresis)
    {
        bool Up(string name) => health.TryGetValue(name, out var h) && h.Healthy;
        string Why(string name) => health.TryGetValue(name, out var h) ? h.Detail : "not checked";
        string? FirstUpOther(string except) => servers.FirstOrDefault(s => s != except && Up(s));
        TimeSpan HealthyFor(string name) => healthySince.TryGetValue(name, out var since) && since is { } s ? now - s : TimeSpan.Zero;

        if (current is null || !servers.Contains(current))
        {
            if (Up(assigned))
            {
                return new(assigned, $"first choice: assigned server {assigned} is healthy");
            }

            var fallback = FirstUpOther(assigned);
            return fallback is not null
                ? new(fallback, $"assigned server {assigned} is unhealthy ({Why(assigned)}); {fallback} is healthy")
                : new(assigned, $"no server is healthy; pointing at assigned server {assigned}");
        }

        if (current == assigned)
        {
            if (Up(current))
            {
                return new(current, $"assigned server {current} is healthy");
            }

            var other = FirstUpOther(current);
            return other is not null
                ? new(other, $"assigned server {current} is unhealthy ({Why(current)}); switched to healthy {other}")
                : new(current, $"no server is healthy ({current}: {Why(current)}); staying on {current}");
        }

        // Pointing away from the assigned server: after a failover, or the assignment moved.
        if (Up(assigned) && HealthyFor(assigned) >= hysteresis)
        {
            return new(assigned, $"assigned server {assigned} has been healthy for {Format(HealthyFor(assigned))} (hysteresis {Format(hysteresis)}); following the assignment");
        }

        if (!Up(current))
        {
            if (Up(assigned))
            {
                return new(assigned, $"current server {current} is unhealthy ({Why(current)}); assigned server {assigned} is healthy");
            }

            var other = FirstUpOther(current);
            return other is not null
                ? new(other, $"current server {current} is unhealthy ({Why(current)}); switched to healthy {other}")
                : new(current, $"no server is healthy ({current}: {Why(current)}); staying on {current}");
        }

        return Up(assigned)
            ? new(current, $"assigned server {assigned} healthy for {Format(HealthyFor(assigned))} of {Format(hysteresis)}; staying on {current}")
            : new(current, $"assigned server {assigned} is unhealthy ({Why(assigned)}); staying on healthy {current}");
    }

    private static string Format(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h" : span.TotalMinutes >= 1 ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";
}
