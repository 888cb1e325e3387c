using DumpDist.Core.Processes;
using DumpDist.Node.Admin;

namespace DumpDist.Cli.Demo;

/// <summary>
/// Brings a started host to "serving synced data": its admin API answers, a sync pass of every
/// dataset runs now (the generation host's trigger) and succeeds, its services work, and its web
/// serves the sample file with the source's bytes.
/// </summary>
internal sealed class DemoReadiness(DemoLayout layout, AdminClient admin, HttpClient web, ProcessSupervisor node)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ServicesLimit = TimeSpan.FromSeconds(30);

    /// <summary>Null when the host serves the sample; else what went wrong. Services still starting at the limit go to <paramref name="warnings"/>.</summary>
    public async Task<string?> WaitAsync(string host, DemoSample sample, List<string> warnings, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartLimit;
        while (!(await admin.StateAsync(cancellationToken)).Ok)
        {
            if (node.Status.Restarts > 0)
            {
                return $"host {host}'s node exited (code {node.Status.LastExitCode?.ToString() ?? "?"}); see {layout.NodeLog(host)}";
            }

            if (DateTime.UtcNow > deadline)
            {
                return $"host {host}'s admin API did not answer within {StartLimit.TotalSeconds:0} s; see {layout.NodeLog(host)}";
            }

            await Task.Delay(Poll, cancellationToken);
        }

        var sync = await admin.TriggerSyncAsync(null, wait: true, cancellationToken);
        if (!sync.Ok || sync.Value!.Outcomes is not { } outcomes || outcomes.Any(o => o.Value != "ok"))
        {
            var detail = sync.Value?.Outcomes is { } some ? string.Join(", ", some.Select(o => $"{o.Key}: {o.Value}")) : sync.Error;
            return $"host {host}'s first sync from {layout.SourceUrl} failed ({detail}); see {layout.NodeLog(host)}";
        }

        deadline = DateTime.UtcNow + ServicesLimit;
        while (true)
        {
            var state = await admin.StateAsync(cancellationToken);
            var idle = state.Value?.Services.Where(s => !s.Working).ToList();
            if (idle is { Count: 0 })
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                lock (warnings)
                {
                    warnings.AddRange(idle?.Select(s => $"host {host}: {s.Name} is not working yet: {s.Detail}") ?? [$"host {host}: {state.Error}"]);
                }

                break;
            }

            await Task.Delay(Poll, cancellationToken);
        }

        return await CheckSampleAsync(host, sample, cancellationToken);
    }

    private async Task<string?> CheckSampleAsync(string host, DemoSample sample, CancellationToken cancellationToken)
    {
        var url = layout.Web(host, sample.WebPath);
        using var response = await web.GetAsync(url, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return $"host {host} answered {(int)response.StatusCode} for {url}";
        }

        var served = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var expected = await File.ReadAllBytesAsync(sample.SourcePath, cancellationToken);
        return served.AsSpan().SequenceEqual(expected) ? null : $"host {host} served {served.Length} bytes for {url} that differ from the source's {expected.Length}";
    }
}
