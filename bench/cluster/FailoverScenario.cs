using System.Diagnostics;
using DumpDist.TestSupport.Cluster;

namespace DumpDist.ClusterBench;

/// <summary>
/// (a) Failover to the first request served by the new host through HAProxy. Measured from the
/// start of <c>dumpdist failover</c> and from its exit; baselines in the same run: the same change
/// made with one curl call to the admin API (no CLI start-up), and the CLI's start-up alone.
/// </summary>
internal static class FailoverScenario
{
    public static async Task<IReadOnlyList<Samples>> RunAsync(ClusterLab lab, string path, int rounds)
    {
        var fromStart = new Samples("(a) CLI failover: command start -> first request on new host");
        var fromExit = new Samples("(a) CLI failover: command exit -> first request on new host");
        var byApi = new Samples("(a) baseline: admin API call (curl) -> first request on new host");
        var cliAlone = new Samples("(a) baseline: CLI start-up alone (dumpdist --version)");
        var active = "a";
        var local = Path.Combine(lab.Directory, "client", "bench-probe");
        for (var round = 0; round < rounds * 2; round++)
        {
            var target = active == "a" ? "b" : "a";
            var clock = Stopwatch.StartNew();
            TimeSpan? exited = null;
            if (round % 2 == 0)
            {
                var cli = await lab.DumpDistAsync("ops", "failover", "--config", lab.ClusterFile, "--service", "web", "--to", target, "--reason", "bench");
                exited = clock.Elapsed;
                Check(cli.ExitCode == 0, $"failover to {target}: {cli.StandardOutput}{cli.StandardError}");
            }
            else
            {
                var reply = await lab.AdminAsync("ops", target, "POST", "/api/v1/failover", jsonBody: $$"""{"service":"web","to":"{{target}}","reason":"bench"}""");
                Check(reply.Status == 200, $"failover to {target} by API: {reply}");
            }

            for (var n = 0; ; n++)
            {
                if (await lab.ServedByAsync(path, local, $"bench-{round}-{n}") == target)
                {
                    break;
                }

                Check(clock.Elapsed < TimeSpan.FromSeconds(60), $"no request reached {target} within 60 s");
            }

            if (exited is { } e)
            {
                fromStart.Add(clock.Elapsed);
                fromExit.Add(clock.Elapsed - e);
            }
            else
            {
                byApi.Add(clock.Elapsed);
            }

            active = target;
        }

        for (var i = 0; i < rounds; i++)
        {
            var clock = Stopwatch.StartNew();
            var version = await lab.DumpDistAsync("ops", "--version");
            Check(version.ExitCode == 0, version.StandardError);
            cliAlone.Add(clock.Elapsed);
        }

        // Leave web where the cluster file puts it.
        if (active != "a")
        {
            await lab.AdminAsync("ops", "a", "POST", "/api/v1/failover", jsonBody: """{"service":"web","to":"a","reason":"bench"}""");
        }

        return [fromStart, fromExit, byApi, cliAlone];
    }

    private static void Check(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
