using DumpDist.Node.Assignments.Etcd;

namespace DumpDist.Node.Tests.Assignments.Etcd;

public sealed class EtcdKeysTests
{
    [Theory]
    [InlineData("/dumpdist/", 1, "/dumpdist/audit/00000000000000000001")]
    [InlineData("/dumpdist/", 12345, "/dumpdist/audit/00000000000000012345")]
    [InlineData("/site-b/", long.MaxValue, "/site-b/audit/09223372036854775807")]
    public void Audit_Epoch_IsZeroPaddedToTwentyDigits(string prefix, long epoch, string expected) =>
        Assert.Equal(expected, new EtcdKeys(prefix).Audit(epoch).ToStringUtf8());

    [Fact]
    public void AuditRangeEnd_Prefix_IsThePrefixWithItsLastByteIncremented()
    {
        var keys = new EtcdKeys("/dumpdist/");

        Assert.Equal("/dumpdist/assignments", keys.Assignments.ToStringUtf8());
        Assert.Equal("/dumpdist/audit/", keys.AuditPrefix.ToStringUtf8());
        Assert.Equal("/dumpdist/audit0", keys.AuditRangeEnd.ToStringUtf8());
    }
}
