namespace DumpDist.FunctionalTests.Operations;

public sealed class MetricNamesTests
{
    [Theory]
    [InlineData("rate(dumpdist_web_sent_bytes_total{instance=~\"$instance\"}[5m])", "dumpdist_web_sent_bytes_total")]
    [InlineData("histogram_quantile(0.9, rate(dumpdist_x_seconds_bucket[5m])) / dumpdist_x_seconds_count", "dumpdist_x_seconds")]
    [InlineData("time() - dumpdist_node_draining_since_timestamp_seconds > 4 * 3600 and dumpdist_node_draining == 1", "dumpdist_node_draining,dumpdist_node_draining_since_timestamp_seconds")]
    [InlineData("\"uid\": \"dumpdist-node\", \"title\": \"dumpdist node\"", "")]
    public void UsedIn_PromQlOrJson_FindsEachMetricOnce(string text, string expected)
    {
        Assert.Equal(expected.Split(',', StringSplitOptions.RemoveEmptyEntries), MetricNames.UsedIn(text));
    }

    [Fact]
    public void DeclaredIn_FamilyWithoutSamples_IsDeclared()
    {
        const string page = "# HELP dumpdist_mirror_fresh 1 when fresh.\n# TYPE dumpdist_mirror_fresh gauge\n# HELP dumpdist_web_sent_bytes_total Bytes.\n# TYPE dumpdist_web_sent_bytes_total counter\ndumpdist_web_sent_bytes_total 5\n";

        var declared = MetricNames.DeclaredIn(page);

        Assert.Equal("gauge", declared["dumpdist_mirror_fresh"]);
        Assert.Equal("counter", declared["dumpdist_web_sent_bytes_total"]);
        Assert.Equal(2, declared.Count);
    }
}
