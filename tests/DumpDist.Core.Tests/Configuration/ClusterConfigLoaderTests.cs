using System.Net;
using DumpDist.Core.Configuration;
using DumpDist.TestSupport;

namespace DumpDist.Core.Tests.Configuration;

public sealed class ClusterConfigLoaderTests
{
    private static ClusterConfig LoadExample()
    {
        var result = ClusterConfigLoader.Load(RepositoryPaths.File("docs", "cluster.example.yaml"));
        Assert.True(result.Success, string.Join('\n', result.Errors));
        return result.Config;
    }

    [Fact]
    public void Load_ExampleFile_HasNoErrorsOrWarnings()
    {
        var result = ClusterConfigLoader.Load(RepositoryPaths.File("docs", "cluster.example.yaml"));

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.NotNull(result.Config);
    }

    [Fact]
    public void Load_ExampleFile_BindsAdminAndAssignments()
    {
        var config = LoadExample();

        Assert.Equal("/etc/dumpdist/admin.token", config.Admin.FindToken("ops")!.File);
        Assert.True(config.Admin.UsesTls);
        Assert.Equal("/etc/dumpdist/admin-ca.crt", config.Admin.Ca);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Admin.Timeout);
        Assert.Equal(AssignmentStoreKind.Peers, config.Assignments.Store);
        Assert.Equal(TimeSpan.FromSeconds(60), config.Assignments.Refresh);
    }

    [Fact]
    public void Load_ExampleFile_BindsHostsAndActiveServices()
    {
        var config = LoadExample();

        Assert.Equal(["dumps1", "dumps2"], config.Hosts.Select(h => h.Name));
        Assert.Equal(IPAddress.Parse("2001:db8::20"), config.FindHost("dumps2")!.PublicAddress);
        Assert.Equal(new HostPort("192.0.2.10", 9100), config.FindHost("dumps1")!.AdminAddress);
        Assert.Equal("/var/lib/dumpdist", config.FindHost("dumps2")!.StateDir);
        Assert.Null(config.FindHost("dumps3"));
        Assert.Equal(1, config.HostIndex("dumps2"));
        Assert.Equal(-1, config.HostIndex("dumps3"));
        Assert.Equal("dumps2", config.ActiveHost(ServiceKind.Web)!.Name);
        Assert.Equal("dumps2", config.ActiveHost(ServiceKind.Rsync)!.Name);
        Assert.Equal("dumps1", config.ActiveHost(ServiceKind.NfsVps)!.Name);
        Assert.Equal([ServiceKind.NfsVps, ServiceKind.NfsAnalytics], config.ServicesActiveOn("dumps1"));
    }

    [Fact]
    public void Load_ExampleFile_DatasetSourceOverridesLayOverTopLevel()
    {
        var config = LoadExample();

        var dumps = config.FindDataset("xmldatadumps")!;
        var pageviews = config.FindDataset("pageviews")!;
        Assert.Same(config.Source, dumps.Source);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Source.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(5), config.Source.Schedule.OffsetFor(1));
        Assert.Equal(DatasetLayout.Dated, pageviews.Layout);
        Assert.Equal(DeletePolicy.MirrorExact, pageviews.Delete);
        Assert.Equal(500, pageviews.MaxDelete);
        Assert.Equal("rsync://stats.example.org/pageviews/", pageviews.Source.Url);
        Assert.Equal(40 * 1024, pageviews.Source.BandwidthLimitKiB);
        Assert.Equal(TimeSpan.FromMinutes(10), pageviews.Source.Timeout);
        Assert.Equal("15 * * * *", pageviews.Source.Schedule.Cron);
        Assert.Null(pageviews.Source.Schedule.Interval);
    }

    [Fact]
    public void Load_ExampleFile_BindsServicesQosRetentionAndMirrors()
    {
        var config = LoadExample();

        Assert.Equal(443, config.Services.Web!.HttpsListen!.Port);
        Assert.Equal(PlainHttpPolicy.Serve, config.Services.Web.PlainHttp);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Services.Web.DrainDeadline);
        Assert.Equal([1, 2, 3, 4, 5], config.Services.Rsync!.KeepRuns);
        Assert.Equal(IPNetwork.Parse("10.68.0.0/16"), config.Services.NfsVps!.Clients[1].Network);
        Assert.True(config.Services.NfsAnalytics!.Clients[1].IsHostName);
        Assert.Equal(5L * 1024 * 1024, config.Qos.Rate);
        Assert.Equal(20L * 1024 * 1024, config.Qos.IpRate);
        Assert.Equal(IPNetwork.Parse("127.0.0.1/32"), config.Qos.TrustedProxies[0]);
        Assert.Equal(7, config.Retention.KeepFor("enwiki"));
        Assert.Equal(8, config.Retention.KeepFor("dewiki"));
        Assert.Equal(10, config.Retention.KeepFor("frwiktionary"));
        Assert.Equal(TimeSpan.FromDays(30), config.Retention.FindOther("cirrussearch")!.MaxAge);
        Assert.Equal(new DateOnly(2024, 3, 15), config.FindMirror("example-university")!.AddedDate);
        Assert.False(config.FindMirror("example-isp")!.Active);
        Assert.Equal(IPNetwork.Parse("2001:db8:100::/48"), config.FindMirror("example-university")!.Ipv6[0]);
    }

    [Fact]
    public void Parse_MinimalConfig_UsesProductionDefaults()
    {
        var config = ClusterConfigLoader.Parse(ConfigSamples.Minimal, "c.yaml").Config!;

        Assert.Equal(80000, config.Source.BandwidthLimitKiB);
        Assert.Equal(TimeSpan.FromSeconds(600), config.Source.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Source.Schedule.Interval);
        Assert.Equal(0.1, config.Source.MaxLossFraction);
        Assert.Equal(DeletePolicy.Never, config.Datasets[0].Delete);
        Assert.Equal(new Uri("http://0.0.0.0:80"), config.Services.Web!.Listen);
        Assert.Equal(873, config.Services.Rsync!.Port);
        Assert.Equal(10, config.Services.Rsync.MaxConnections);
        Assert.Equal(2049, config.Services.NfsVps!.Port);
        Assert.Equal(3, config.Qos.ConnLimit);
        Assert.Equal(1024 * 1024, config.Qos.RateAfter);
        Assert.Equal(0, config.Qos.IpRate);
        Assert.Equal(7, config.Retention.KeepFor("wikidatawiki"));
        Assert.Equal(8, config.Retention.KeepFor("frwiki"));
        Assert.Equal(10, config.Retention.KeepFor("simplewiki"));
        Assert.Empty(config.Mirrors);
    }

    [Fact]
    public void Parse_NfsServicesOnOnePort_IsAllowed()
    {
        var yaml = ConfigSamples.WithLine(19, "  nfs-vps: { active: dumps1, port: 12049 }\n  nfs-analytics: { active: dumps1, port: 12049 }")
            .Replace("  nfs-analytics: { active: dumps1 }\n", string.Empty, StringComparison.Ordinal);

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        Assert.Equal(12049, result.Config!.Services.NfsAnalytics!.Port);
    }

    [Fact]
    public void Parse_HttpsWithoutPlainHttpPolicy_DefaultsToRedirect()
    {
        var yaml = ConfigSamples.WithLine(17, "  web: { active: dumps2, https_listen: 'https://[::]:8443', certificate: /c.pem, certificate_key: /k.pem }");

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        Assert.Equal(PlainHttpPolicy.Redirect, result.Config!.Services.Web!.PlainHttp);
    }

    [Fact]
    public void Load_ExampleWithOneKeyMisspelled_NamesKeyAndLine()
    {
        var lines = File.ReadAllLines(RepositoryPaths.File("docs", "cluster.example.yaml"));
        var index = Array.FindIndex(lines, l => l.TrimStart().StartsWith("max_connections:", StringComparison.Ordinal));
        lines[index] = lines[index].Replace("max_connections", "max_conections", StringComparison.Ordinal);

        var result = ClusterConfigLoader.Parse(string.Join('\n', lines), "x.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(index + 1, error.Line);
        Assert.Contains("unknown key 'max_conections' in 'services.rsync'; did you mean 'max_connections'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AnchorsAndAliases_AreResolved()
    {
        var yaml = ConfigSamples.WithLine(19, "  nfs-vps: &nfs { active: dumps1, clients: [10.68.0.0/16] }")
            .Replace("  nfs-analytics: { active: dumps1 }", "  nfs-analytics: *nfs", StringComparison.Ordinal);

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        Assert.Equal(result.Config!.Services.NfsVps!.Clients, result.Config.Services.NfsAnalytics!.Clients);
        Assert.Equal(ServiceKind.NfsAnalytics, result.Config.Services.NfsAnalytics.Kind);
    }

    [Fact]
    public void Parse_QuotedNull_IsAStringNotAbsent()
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.WithLine(11, "    root: \"null\""), "c.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("hosts[0].root: expected an absolute path, got 'null'", error.Message);
    }
}
