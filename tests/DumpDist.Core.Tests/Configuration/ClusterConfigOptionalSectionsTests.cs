using System.Net;
using DumpDist.Core.Configuration;

namespace DumpDist.Core.Tests.Configuration;

/// <summary>What the node needs from the cluster file: optional services, listen_address, admin, assignments, warnings.</summary>
public sealed class ClusterConfigOptionalSectionsTests
{
    [Fact]
    public void Parse_NfsServicesLeftOut_LoadsWithTheOthersConfigured()
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.WithLines((19, "# no nfs-vps"), (20, "# no nfs-analytics")), "c.yaml");

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal([ServiceKind.Web, ServiceKind.Rsync], config.Services.Configured);
        Assert.Null(config.Services.NfsVps);
        Assert.Null(config.Services.Get(ServiceKind.NfsAnalytics));
        Assert.Null(config.ActiveHost(ServiceKind.NfsVps));
        Assert.Equal("dumps2", config.ActiveHost(ServiceKind.Web)!.Name);
        Assert.Empty(config.ServicesActiveOn("dumps1"));
        Assert.Equal([ServiceKind.Web, ServiceKind.Rsync], config.ServicesActiveOn("dumps2"));
    }

    [Fact]
    public void Parse_ServicesOmitted_HostsOnlySync()
    {
        var yaml = ConfigSamples.WithLines((16, "# no services"), (17, "#"), (18, "#"), (19, "#"), (20, "#"));

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Config!.Services.Configured);
        Assert.Empty(result.Config.ServicesActiveOn("dumps1"));
    }

    [Fact]
    public void Parse_OnlyNfsAnalytics_ItsPortAloneIsChecked()
    {
        var yaml = ConfigSamples.WithLines((17, "#"), (18, "#"), (19, "#"), (20, "  nfs-analytics: { active: dumps1, port: 12049, clients: [10.64.0.0/22] }"));

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        Assert.Equal([ServiceKind.NfsAnalytics], result.Config!.Services.Configured);
        Assert.Equal(12049, result.Config.Services.NfsAnalytics!.Port);
    }

    [Fact]
    public void Parse_TwoHostsOnDistinctListenAddresses_SamePortsAreAllowed()
    {
        var yaml = ConfigSamples.WithLines(
            (9, "    public_address: 127.0.0.2\n    listen_address: 127.0.0.2"),
            (10, "    admin_address: 127.0.0.1:9100"),
            (13, "    public_address: 127.0.0.3\n    listen_address: 127.0.0.3"),
            (14, "    admin_address: 127.0.0.1:9101"),
            (17, "  web: { active: dumps2, listen: 'http://0.0.0.0:8080' }"));

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        var config = result.Config!;
        var web = config.Services.Web!.Listen;
        Assert.Equal(new Uri("http://127.0.0.2:8080/"), config.FindHost("dumps1")!.Bind(web));
        Assert.Equal(new Uri("http://127.0.0.3:8080/"), config.FindHost("dumps2")!.Bind(web));
        Assert.Equal(IPAddress.Parse("127.0.0.3"), config.FindHost("dumps2")!.BindAddress(IPAddress.Any));
    }

    [Fact]
    public void Bind_NoListenAddress_KeepsTheServiceUrlAndFallback()
    {
        var host = ClusterConfigLoader.Parse(ConfigSamples.Minimal, "c.yaml").Config!.FindHost("dumps1")!;

        Assert.Null(host.ListenAddress);
        Assert.Equal(new Uri("http://0.0.0.0:80/"), host.Bind(new Uri("http://0.0.0.0:80")));
        Assert.Equal(IPAddress.IPv6Any, host.BindAddress(IPAddress.IPv6Any));
    }

    [Fact]
    public void Bind_Ipv6ListenAddress_IsBracketedAndKeepsSchemeAndPort()
    {
        var host = new HostConfig
        {
            Name = "h",
            PublicAddress = IPAddress.Parse("2001:db8::1"),
            ListenAddress = IPAddress.Parse("2001:db8::1"),
            AdminAddress = new HostPort("::1", 9100),
            Root = "/srv",
        };

        Assert.Equal("https://[2001:db8::1]:8443/", host.Bind(new Uri("https://0.0.0.0:8443")).ToString());
    }

    [Fact]
    public void Parse_SectionsLeftOut_UseDefaults()
    {
        var config = ClusterConfigLoader.Parse(ConfigSamples.Minimal, "c.yaml").Config!;

        Assert.Empty(config.Admin.Tokens);
        Assert.False(config.Admin.UsesTls);
        Assert.Equal(TimeSpan.FromSeconds(5), config.Admin.Timeout);
        Assert.Equal(AssignmentStoreKind.Peers, config.Assignments.Store);
        Assert.Equal(TimeSpan.FromSeconds(60), config.Assignments.Refresh);
        Assert.Null(config.Assignments.Etcd);
        Assert.Equal(TimeSpan.FromMinutes(10), config.Services.Web!.DrainDeadline);
        Assert.Equal(TimeSpan.FromSeconds(30), config.Services.Web.StopTimeout);
    }

    [Fact]
    public void Parse_WebPublicUrlAndIndexFiles_BoundWithTrailingSlash()
    {
        var yaml = ConfigSamples.WithLines((17, "  web: { active: dumps2, public_url: 'https://dumps.example.org/mirror', index_files: [index.html, status.html] }"));

        var result = ClusterConfigLoader.Parse(yaml, "cluster.yaml");

        Assert.True(result.Success, string.Join("\n", result.Errors));
        Assert.Equal(new Uri("https://dumps.example.org/mirror/"), result.Config!.Services.Web!.PublicUrl);
        Assert.Equal(["index.html", "status.html"], result.Config.Services.Web.IndexFiles);
    }

    [Fact]
    public void Parse_WebWithoutPublicUrl_NoneAndIndexHtmlByDefault()
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.Minimal, "cluster.yaml");

        Assert.Null(result.Config!.Services.Web!.PublicUrl);
        Assert.Equal(["index.html"], result.Config.Services.Web.IndexFiles);
    }

    [Fact]
    public void Parse_AdminAssignmentsAndWebTimeouts_AreBound()
    {
        var yaml = ConfigSamples.WithLines(
            (17, "  web: { active: dumps2, drain_deadline: 1h, stop_timeout: 0 }"),
            (21, string.Join('\n',
                "admin:",
                "  tokens:",
                "    - { name: ops, file: /etc/dumpdist/admin.token }",
                "    - { name: deploy, file: /etc/dumpdist/deploy.token }",
                "  certificate: /etc/dumpdist/admin.crt",
                "  certificate_key: /etc/dumpdist/admin.key",
                "  ca: /etc/dumpdist/admin-ca.crt",
                "  timeout: 2s",
                "assignments:",
                "  store: etcd",
                "  refresh: 15s",
                "  etcd:",
                "    endpoints: [http://127.0.0.1:2379, 'https://etcd2.example.org:2379']",
                "    prefix: /dd/",
                "    timeout: 1s")));

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal(TimeSpan.FromHours(1), config.Services.Web!.DrainDeadline);
        Assert.Equal(TimeSpan.Zero, config.Services.Web.StopTimeout);
        Assert.Equal(["ops", "deploy"], config.Admin.Tokens.Select(t => t.Name));
        Assert.Equal("/etc/dumpdist/deploy.token", config.Admin.FindToken("deploy")!.File);
        Assert.True(config.Admin.UsesTls);
        Assert.Equal("/etc/dumpdist/admin-ca.crt", config.Admin.Ca);
        Assert.Equal(TimeSpan.FromSeconds(2), config.Admin.Timeout);
        Assert.Equal(AssignmentStoreKind.Etcd, config.Assignments.Store);
        Assert.Equal(TimeSpan.FromSeconds(15), config.Assignments.Refresh);
        Assert.Equal([new Uri("http://127.0.0.1:2379"), new Uri("https://etcd2.example.org:2379")], config.Assignments.Etcd!.Endpoints);
        Assert.Equal("/dd/", config.Assignments.Etcd.Prefix);
        Assert.Equal(TimeSpan.FromSeconds(1), config.Assignments.Etcd.Timeout);
    }

    [Fact]
    public void Parse_NonLoopbackAdminWithoutCertificate_LoadsWithOneWarning()
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.WithLine(10, "    admin_address: 192.0.2.10:9100"), "c.yaml");

        Assert.True(result.Success);
        Assert.Empty(result.Errors);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(ConfigSeverity.Warning, warning.Severity);
        Assert.Equal(
            "c.yaml:10:20: warning: hosts[0].admin_address: 192.0.2.10 is not a loopback address and admin.certificate is not set: bearer token sent in clear text across hosts",
            warning.ToString());
    }

    [Theory]
    [InlineData("    admin_address: 127.0.0.1:9100")]
    [InlineData("    admin_address: localhost:9100")]
    [InlineData("    admin_address: '[::1]:9100'")]
    public void Parse_LoopbackAdminWithoutCertificate_NoWarning(string line)
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.WithLine(10, line), "c.yaml");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Parse_NonLoopbackAdminWithCertificate_NoWarning()
    {
        var yaml = ConfigSamples.WithLines(
            (10, "    admin_address: 192.0.2.10:9100"),
            (21, "admin: { certificate: /etc/a.crt, certificate_key: /etc/a.key }"));

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Parse_ErrorsAndWarnings_BothReported()
    {
        var yaml = ConfigSamples.WithLines((10, "    admin_address: 192.0.2.10:9100"), (11, "    root: srv"));

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.False(result.Success);
        Assert.Equal((11, 11), (Assert.Single(result.Errors).Line, result.Errors[0].Column));
        Assert.Equal((10, 20), (Assert.Single(result.Warnings).Line, result.Warnings[0].Column));
    }
}
