using DumpDist.Core.Configuration.Rules;

namespace DumpDist.Core.Tests.Configuration;

public sealed class NfsClientValidatorTests
{
    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("172.16.0.0/12")]
    [InlineData("10.64.21.3")]
    [InlineData("10.64.21.3/32")]
    [InlineData("2a02:ec80::/32")]
    [InlineData("2001:db8::1")]
    [InlineData("an-launcher1002.eqiad.wmnet")]
    [InlineData("*.analytics.example.org")]
    [InlineData("localhost")]
    [InlineData("an-worker10??.example.org")]
    [InlineData("foo.*.org")]
    public void Validate_GoodEntry_ReturnsNull(string client)
    {
        Assert.Null(NfsClientValidator.Validate(client));
    }

    [Theory]
    [InlineData("", "empty client entry")]
    [InlineData("  ", "empty client entry")]
    [InlineData(" 10.0.0.0/8", "whitespace")]
    [InlineData("10.0.0.0/8 10.1.0.0/16", "whitespace")]
    [InlineData("*", "every address")]
    [InlineData("0.0.0.0/0", "every address")]
    [InlineData("::/0", "every address")]
    [InlineData("10.0.0.1/8", "host bits set; did you mean 10.0.0.0/8?")]
    [InlineData("10.0.0.0/33", "prefix length must be a number from 0 to 32")]
    [InlineData("2001:db8::/129", "from 0 to 128")]
    [InlineData("10.0.0.0/", "prefix length")]
    [InlineData("10.0.0.0/x", "prefix length")]
    [InlineData("300.1.2.3", "not a valid IP address")]
    [InlineData("10.1", "not a valid IP address")]
    [InlineData("10", "not a valid IP address")]
    [InlineData("10.0.0/8", "is not an IP address")]
    [InlineData("2001:zz::1", "not a valid IP address")]
    [InlineData("host(rw)", "not an IP address, CIDR network or host name")]
    [InlineData("a,b", "not an IP address, CIDR network or host name")]
    [InlineData("-bad.example.org", "not an IP address, CIDR network or host name")]
    [InlineData("*.*", "would match every host name")]
    [InlineData("?", "would match every host name")]
    [InlineData("foo..org", "not an IP address, CIDR network or host name")]
    [InlineData("@netgroup", "not an IP address, CIDR network or host name")]
    public void Validate_BadEntry_SaysWhatIsWrong(string client, string expected)
    {
        Assert.Contains(expected, NfsClientValidator.Validate(client));
    }
}
