using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Operations;

/// <summary>docs/alerts.yaml passes promtool (Debian package prometheus): syntax, and what fires when (alerts.test.yaml, alerts-days.test.yaml).</summary>
public sealed class AlertRulesTests
{
    [Fact]
    public async Task Promtool_CheckRules_AcceptsTheRuleFile()
    {
        var result = await ExternalProgram.RunAsync("promtool", ["check", "rules", RepositoryPaths.File("docs", "alerts.yaml")], timeout: TimeSpan.FromMinutes(1));

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promtool_TestRules_AlertsFireOnlyWhenTheyShould()
    {
        var result = await ExternalProgram.RunAsync(
            "promtool",
            ["test", "rules", RepositoryPaths.File("tests", "DumpDist.FunctionalTests", "Operations", "alerts.test.yaml"), RepositoryPaths.File("tests", "DumpDist.FunctionalTests", "Operations", "alerts-days.test.yaml")],
            timeout: TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.StandardOutput + result.StandardError);
        Assert.Contains("SUCCESS", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertRules_EveryRunbookAnchor_IsAHeadingOfTheRunbook()
    {
        var rules = await File.ReadAllTextAsync(RepositoryPaths.File("docs", "alerts.yaml"));
        var runbook = await File.ReadAllLinesAsync(RepositoryPaths.File("docs", "operations.md"));
        var anchors = runbook.Where(l => l.StartsWith('#')).Select(l => l.TrimStart('#').Trim().ToLowerInvariant().Replace(' ', '-')).ToHashSet(StringComparer.Ordinal);

        var links = System.Text.RegularExpressions.Regex.Matches(rules, @"runbook: ""docs/operations\.md#([a-z0-9-]+)""").Select(m => m.Groups[1].Value).ToList();
        var alerts = System.Text.RegularExpressions.Regex.Matches(rules, @"- alert: ").Count;

        Assert.Equal(alerts, links.Count);
        Assert.All(links, anchor => Assert.Contains(anchor, anchors));
    }
}
