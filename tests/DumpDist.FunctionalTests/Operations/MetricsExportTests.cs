using System.Text.RegularExpressions;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Operations;

/// <summary>
/// The alert rules and the dashboard name only metrics a running node exports: every
/// <c>dumpdist_*</c> name in docs/alerts.yaml and in docs/grafana-dashboard.json (histogram
/// suffixes stripped) is declared on the node's /metrics.
/// </summary>
[Collection(OperationsNodeCollection.Name)]
public sealed class MetricsExportTests(OperationsNode node)
{
    [Theory]
    [InlineData("docs/alerts.yaml")]
    [InlineData("docs/grafana-dashboard.json")]
    public async Task Metrics_NamesUsedInDocument_AreExportedByARunningNode(string document)
    {
        var used = MetricNames.UsedIn(await File.ReadAllTextAsync(RepositoryPaths.File(document.Split('/'))));
        Assert.True(used.Count >= 10, $"{document} names only {used.Count} dumpdist metrics");

        using var response = await node.CallAsync(HttpMethod.Get, "metrics");
        response.EnsureSuccessStatusCode();
        var exported = MetricNames.DeclaredIn(await response.Content.ReadAsStringAsync()).Keys.ToHashSet(StringComparer.Ordinal);

        var missing = used.Where(name => !exported.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{document} uses metrics the node does not export: {string.Join(", ", missing)}\nexported: {string.Join(", ", exported.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public async Task Metrics_Exported_FollowPrometheusNamingConventions()
    {
        using var response = await node.CallAsync(HttpMethod.Get, "metrics");
        var text = await response.Content.ReadAsStringAsync();

        var problems = new List<string>();
        foreach (var (name, kind) in MetricNames.DeclaredIn(text))
        {
            // The runtime's own (process_*, dotnet_*, prometheus_net_*) keep their names.
            if (!name.StartsWith("dumpdist_", StringComparison.Ordinal))
            {
                continue;
            }

            if (kind == "counter" != name.EndsWith("_total", StringComparison.Ordinal))
            {
                problems.Add($"{name}: a {kind} {(kind == "counter" ? "must" : "must not")} end in _total");
            }

            if (name.Contains("bytes", StringComparison.Ordinal) && !Regex.IsMatch(name, "_bytes(_total|_per_second)?$"))
            {
                problems.Add($"{name}: the unit _bytes goes last (before _total)");
            }

            if (name.Contains("timestamp", StringComparison.Ordinal) && !name.EndsWith("_timestamp_seconds", StringComparison.Ordinal))
            {
                problems.Add($"{name}: timestamps end in _timestamp_seconds");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains("# TYPE dumpdist_node_service_moves_total counter", text, StringComparison.Ordinal);
    }
}
