using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Tests.Configuration;

public sealed class ScalarParsingTests
{
    [Theory]
    [InlineData("600", 600)]
    [InlineData("600s", 600)]
    [InlineData("10m", 600)]
    [InlineData("8h", 28800)]
    [InlineData("30d", 2592000)]
    [InlineData("1w", 604800)]
    [InlineData("1h30m", 5400)]
    [InlineData("0", 0)]
    [InlineData("1d", 86400)]
    public void DurationParser_ValidText_ReturnsSeconds(string text, long seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1s250ms", 1250)]
    [InlineData("0ms", 0)]
    public void DurationParser_Milliseconds_ReturnsMilliseconds(string text, long milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10x")]
    [InlineData("m")]
    [InlineData("1.5h")]
    [InlineData("-5")]
    [InlineData("10 m")]
    [InlineData("99999999999d")]
    [InlineData("99999999999")]
    [InlineData("5 ms")]
    public void DurationParser_BadText_Fails(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Theory]
    [InlineData("5242880", 1, 5242880)]
    [InlineData("5MiB", 1, 5242880)]
    [InlineData("5M", 1, 5242880)]
    [InlineData("1KB", 1, 1000)]
    [InlineData("2GiB/s", 1, 2147483648)]
    [InlineData("80000", 1024, 81920000)]
    [InlineData("80000KiB", 1024, 81920000)]
    [InlineData("0", 1024, 0)]
    public void SizeParser_ValidText_ReturnsBytes(string text, long bareUnit, long bytes)
    {
        Assert.True(SizeParser.TryParseBytes(text, bareUnit, out var value));
        Assert.Equal(bytes, value);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("5 parsecs")]
    [InlineData("1.5MiB")]
    [InlineData("-1")]
    [InlineData("99999999999TiB")]
    public void SizeParser_BadText_Fails(string text) => Assert.False(SizeParser.TryParseBytes(text, 1, out _));

    [Theory]
    [InlineData("127.0.0.1:9100", "127.0.0.1", 9100)]
    [InlineData("admin.example.org:1", "admin.example.org", 1)]
    [InlineData("[::1]:9100", "::1", 9100)]
    public void HostPort_ValidText_Parses(string text, string host, int port)
    {
        Assert.True(HostPort.TryParse(text, out var value));
        Assert.Equal(new HostPort(host, port), value);
        Assert.Equal(text, value!.ToString());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData(":9100")]
    [InlineData("host:0")]
    [InlineData("host:65536")]
    [InlineData("::1:9100")]
    [InlineData("[::1]9100")]
    [InlineData("host:+80")]
    public void HostPort_BadText_Fails(string text) => Assert.False(HostPort.TryParse(text, out _));

    [Theory]
    [InlineData("10.68.0.0/16", null)]
    [InlineData("192.0.2.7", null)]
    [InlineData("2001:db8::/32", null)]
    [InlineData("10.68.1.0/16", "has host bits set; the network is 10.68.0.0/16")]
    [InlineData("10.0.0.0/33", "has a bad prefix length (0 to 32)")]
    [InlineData("10.0/8", "is not an IP address or CIDR")]
    [InlineData("fe80::1%eth0", "is not an IP address or CIDR")]
    public void AddressParser_Network_ReportsProblem(string text, string? problem) =>
        Assert.Equal(problem, AddressParser.TryParseNetwork(text, out _));

    [Theory]
    [InlineData("bwlimt", "bwlimit")]
    [InlineData("max_conections", "max_connections")]
    [InlineData("Services", "services")]
    [InlineData("colour", null)]
    public void KeySuggester_Closest_FindsPlausibleTypo(string unknown, string? expected) =>
        Assert.Equal(expected, KeySuggester.Closest(unknown, ["bwlimit", "max_connections", "services", "url"]));

    [Theory]
    [InlineData("web", ServiceKind.Web)]
    [InlineData("nfs-vps", ServiceKind.NfsVps)]
    [InlineData("nfs-analytics", ServiceKind.NfsAnalytics)]
    public void ServiceKinds_TryParse_RoundTripsConfigName(string name, ServiceKind kind)
    {
        Assert.True(ServiceKinds.TryParse(name, out var parsed));
        Assert.Equal(kind, parsed);
        Assert.Equal(name, parsed.ToConfigName());
    }

    [Theory]
    [InlineData(600, null, 0, "every 10m")]
    [InlineData(5400, null, 300, "every 1h30m, offset 5m per host")]
    [InlineData(0, "15 * * * *", 0, "cron '15 * * * *'")]
    public void ScheduleConfig_Describe_IsShortAndExact(int intervalSeconds, string? cron, int offsetSeconds, string expected)
    {
        var schedule = new ScheduleConfig
        {
            Interval = cron is null ? TimeSpan.FromSeconds(intervalSeconds) : null,
            Cron = cron,
            Offset = TimeSpan.FromSeconds(offsetSeconds),
        };

        Assert.Equal(expected, schedule.Describe());
    }
}
