using System.Net;
using DumpDist.Mirrors.Metrics;

namespace DumpDist.Mirrors.Tests.Metrics;

public sealed class TransferLogParserTests
{
    [Theory]
    [InlineData("2026/11/30 12:32:13 [32268] xfer send 127.0.0.1 last-1-good 3 46 aawiki/20261101/a b.txt", "FileSent", 0)]
    [InlineData("2026/11/30 12:32:13 [32268] sent 155 bytes  received 52 bytes  total size 3", "PullCompleted", 155)]
    [InlineData("2026/11/30 12:32:14 [32268] rsync denied on module m from UNDETERMINED (127.0.0.1)", "Refused", 0)]
    [InlineData("2026/11/30 12:32:14 [32268] unknown module 'nomod' tried from UNDETERMINED (127.0.0.1)", "Refused", 0)]
    [InlineData("2026/11/30 12:32:14 [32268] max connections (1) reached -- try again later", "Refused", 0)]
    [InlineData("2026/11/30 12:32:14 [32268] rsync error: timeout in data send/receive (code 30) at io.c(197) [sender=3.5.0]", "Error", 0)]
    public void Read_LineAfterConnect_IsChargedToTheConnectingAddress(string line, string kind, long bytes)
    {
        var parser = new TransferLogParser();
        Assert.Null(parser.Read("2026/11/30 12:32:13 [32268] connect from UNDETERMINED (127.0.0.1)"));

        var e = parser.Read(line);

        Assert.NotNull(e);
        Assert.Equal(kind, e.Value.Kind.ToString());
        Assert.Equal(IPAddress.Loopback, e.Value.Address);
        Assert.Equal(bytes, e.Value.Bytes);
    }

    [Theory]
    [InlineData("2026/11/30 12:32:13 [999] sent 155 bytes  received 52 bytes  total size 3")]
    [InlineData("2026/11/30 12:32:13 [32268] building file list")]
    [InlineData("not a log line")]
    public void Read_LineOfUnknownSessionOrKind_IsSkipped(string line)
    {
        var parser = new TransferLogParser();
        parser.Read("2026/11/30 12:32:13 [32268] connect from UNDETERMINED (127.0.0.1)");

        Assert.Null(parser.Read(line));
    }

    [Fact]
    public void Read_MappedIpv6Client_IsChargedToTheIpv4Address()
    {
        var parser = new TransferLogParser();
        parser.Read("2026/11/30 12:32:13 [7] connect from UNDETERMINED (::ffff:10.1.2.3)");

        Assert.Equal(IPAddress.Parse("10.1.2.3"), parser.Read("2026/11/30 12:32:13 [7] xfer send ::ffff:10.1.2.3 all 1 1 f")!.Value.Address);
    }
}
