using DumpDist.Node.LoadBalancing;

namespace DumpDist.Node.Tests.LoadBalancing;

public sealed class HaproxyBindTests
{
    [Theory]
    [InlineData(":80", ":80")]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080")]
    [InlineData("0.0.0.0:873", "0.0.0.0:873")]
    [InlineData("[::]:443", "[::]:443")]
    [InlineData("[2001:db8::5]:65535", "[2001:db8::5]:65535")]
    public void TryParse_ValidBind_RendersHaproxySyntax(string text, string rendered)
    {
        Assert.True(HaproxyBind.TryParse(text, out var bind, out var error), error);

        Assert.Equal(rendered, bind!.ToString());
    }

    [Theory]
    [InlineData("80", "has no port")]
    [InlineData(":0", "bad port '0'")]
    [InlineData(":65536", "bad port '65536'")]
    [InlineData("127.0.0.1:", "bad port ''")]
    [InlineData("127.0.0.1:+80", "bad port '+80'")]
    [InlineData("lb.example.org:80", "bad address 'lb.example.org'")]
    [InlineData("10.1:80", "bad address '10.1'")]
    [InlineData("::1:80", "bad address '::1'")]
    [InlineData("[127.0.0.1]:80", "bad address '[127.0.0.1]'")]
    [InlineData("[fe80::1%2]:80", "bad address '[fe80::1%2]'")]
    public void TryParse_BadBind_ExplainsWhy(string text, string expected)
    {
        Assert.False(HaproxyBind.TryParse(text, out var bind, out var error));

        Assert.Null(bind);
        Assert.Contains(expected, error);
        Assert.StartsWith($"'{text}'", error);
    }
}
