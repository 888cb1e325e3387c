using DumpDist.Nfs.Exports;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.Exports;

public sealed class NfsExportPlannerTests
{
    [Fact]
    public void Plan_KnownHost_ExportsPublicDirToBothServices()
    {
        var config = ClusterSamples.Two(["172.16.0.0/21"], ["10.64.0.0/22", "stat1008.example.org"]);

        var plan = NfsExportPlanner.Plan(config, "dumps2");

        Assert.True(plan.Success, string.Join("; ", plan.Errors));
        Assert.Equal("/srv/dumps2/public", plan.Exports.ExportPath);
        Assert.Equal(2049, plan.Exports.Port);
        Assert.Equal(
            [new NfsClientRule("nfs-vps", "172.16.0.0/21"), new NfsClientRule("nfs-analytics", "10.64.0.0/22"), new NfsClientRule("nfs-analytics", "stat1008.example.org")],
            plan.Exports.Clients);
    }

    [Fact]
    public void Plan_UnknownHost_ErrorNamesKnownHosts()
    {
        var plan = NfsExportPlanner.Plan(ClusterSamples.Two(["10.0.0.0/8"], []), "dumps9");

        Assert.False(plan.Success);
        Assert.Equal("--host dumps9: no such host in hosts (known: dumps1, dumps2)", Assert.Single(plan.Errors));
    }

    [Theory]
    [InlineData("*", "services.nfs-vps.clients[1]: '*' would export to every address")]
    [InlineData("0.0.0.0/0", "services.nfs-vps.clients[1]: '0.0.0.0/0' would export to every address")]
    [InlineData("10.1.2.3/8", "services.nfs-vps.clients[1]: '10.1.2.3/8' has host bits set")]
    [InlineData("bad host", "services.nfs-vps.clients[1]: 'bad host' contains whitespace")]
    public void Plan_ConfigBuiltInCodeWithBadClient_RefusedNamingKeyAndIndex(string bad, string expected)
    {
        var plan = NfsExportPlanner.Plan(ClusterSamples.Two(["10.0.0.0/8", bad], []), "dumps1");

        Assert.False(plan.Success);
        Assert.StartsWith(expected, Assert.Single(plan.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ConfigBuiltInCodeWithTwoNfsPorts_Refused()
    {
        var plan = NfsExportPlanner.Plan(ClusterSamples.Two(["10.0.0.0/8"], ["10.64.0.0/22"], vpsPort: 2049, analyticsPort: 2050), "dumps1");

        Assert.False(plan.Success);
        Assert.Contains("services.nfs-analytics.port: 2050 differs from services.nfs-vps.port 2049", Assert.Single(plan.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NfsVpsLeftOut_ExportsToAnalyticsClientsOnItsPort()
    {
        var config = ClusterSamples.Two(["172.16.0.0/21"], ["10.64.0.0/22"], vpsPort: 2049, analyticsPort: 12049);
        config = config with { Services = config.Services with { NfsVps = null } };

        var plan = NfsExportPlanner.Plan(config, "dumps1");

        Assert.True(plan.Success, string.Join("; ", plan.Errors));
        Assert.Equal(12049, plan.Exports.Port);
        Assert.Equal([new NfsClientRule("nfs-analytics", "10.64.0.0/22")], plan.Exports.Clients);
    }

    [Fact]
    public void Plan_NoNfsServiceConfigured_NothingToExport()
    {
        var config = ClusterSamples.Two(["172.16.0.0/21"], ["10.64.0.0/22"]);
        config = config with { Services = config.Services with { NfsVps = null, NfsAnalytics = null } };

        var plan = NfsExportPlanner.Plan(config, "dumps1");

        Assert.True(plan.NothingToExport);
        Assert.False(plan.Success);
        Assert.Null(plan.Exports);
        Assert.Empty(plan.Errors);
    }
}
