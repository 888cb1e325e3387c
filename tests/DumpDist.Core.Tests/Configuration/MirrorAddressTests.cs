using System.Net;
using DumpDist.Core.Configuration;

namespace DumpDist.Core.Tests.Configuration;

/// <summary>A registry entry with a bad address is left out (reported at its position); the file and the other entries still load.</summary>
public sealed class MirrorAddressTests
{
    private static string Registry(string badIpv4, string badIpv6 = "'2001:db8:1::/48'") => ConfigSamples.WithLine(21, string.Join('\n',
        "mirrors:",                                 // 21
        "  - name: good",                           // 22
        "    url: https://good.example.org/",       // 23
        "    hostname: good.example.org",           // 24
        "    ipv4: [192.0.2.0/24]",                 // 25
        "  - name: typo",                           // 26
        "    url: https://typo.example.org/",       // 27
        "    hostname: typo.example.org",           // 28
        $"    ipv4: [198.51.100.7, {badIpv4}]",     // 29
        $"    ipv6: [{badIpv6}]"));                 // 30

    [Theory]
    [InlineData("10.1.2.0/16", 29, 26, "mirrors[1].ipv4[1]: '10.1.2.0/16' has host bits set; the network is 10.1.0.0/16")]
    [InlineData("'2001:db8::1'", 29, 26, "mirrors[1].ipv4[1]: '2001:db8::1' is not an IPv4 address or network")]
    [InlineData("10.1", 29, 26, "mirrors[1].ipv4[1]: '10.1' is not an IP address or CIDR")]
    [InlineData("10.0.0.0/33", 29, 26, "mirrors[1].ipv4[1]: '10.0.0.0/33' has a bad prefix length (0 to 32)")]
    public void Parse_BadAddress_LoadsWithTheEntryLeftOut(string bad, int line, int column, string message)
    {
        var result = ClusterConfigLoader.Parse(Registry(bad), "c.yaml");

        Assert.True(result.Success, string.Join('\n', result.Errors));
        Assert.Empty(result.Errors);
        var problem = Assert.Single(result.LeftOut);
        Assert.Equal(ConfigSeverity.EntryLeftOut, problem.Severity);
        Assert.Equal(
            $"c.yaml:{line}:{column}: error: {message}; mirror 'typo' is left out of rsync hosts allow until this is fixed (the other entries apply)",
            problem.ToString());
        var good = result.Config.Mirrors[0];
        var typo = result.Config.Mirrors[1];
        Assert.True(good.MayPull);
        Assert.Empty(good.AddressProblems);
        Assert.False(typo.MayPull);
        Assert.True(typo.Active);
        Assert.Equal([IPNetwork.Parse("198.51.100.7/32")], typo.Ipv4);
        Assert.Equal([$"{message}"], typo.AddressProblems);
    }

    [Fact]
    public void Parse_TwoBadAddressesInOneEntry_ReportsBoth()
    {
        var result = ClusterConfigLoader.Parse(Registry("10.1.2.0/16", "'192.0.2.1'"), "c.yaml");

        Assert.True(result.Success);
        Assert.Equal([(29, 26), (30, 12)], result.LeftOut.Select(p => (p.Line, p.Column)).ToArray());
        Assert.StartsWith("c.yaml:30:12: error: mirrors[1].ipv6[0]: '192.0.2.1' is not an IPv6 address or network;", result.LeftOut[1].ToString(), StringComparison.Ordinal);
        Assert.Equal(2, result.Config.Mirrors[1].AddressProblems.Count);
    }

    [Fact]
    public void Parse_BadAddressAndAnError_RefusesTheFileAndStillListsTheEntry()
    {
        var yaml = Registry("10.1.2.0/16").Replace("  bwlimit: 80000", "  bwlimit: fast", StringComparison.Ordinal);

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.False(result.Success);
        Assert.Single(result.Errors);
        Assert.Single(result.LeftOut);
    }

    [Fact]
    public void Parse_GoodAddresses_LeaveNothingOut()
    {
        var result = ClusterConfigLoader.Parse(Registry("10.1.0.0/16"), "c.yaml");

        Assert.True(result.Success);
        Assert.Empty(result.LeftOut);
        Assert.All(result.Config.Mirrors, m => Assert.True(m.MayPull));
    }
}
