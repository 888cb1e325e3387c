using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.Probe;

public sealed class RpcNullCallTests
{
    [Fact]
    public void Encode_Xid_WritesNfs4NullCallWithAuthNone()
    {
        var call = RpcNullCall.Encode(0xDEADBEEF);

        // xid, CALL, rpcvers 2, prog 100003, vers 4, proc 0, cred AUTH_NONE len 0, verf AUTH_NONE len 0
        Assert.Equal(RpcReplies.Words(0xDEADBEEF, 0, 2, 100003, 4, 0, 0, 0, 0, 0), call);
    }

    [Fact]
    public void Encode_Framed_Is44BytesWithLastFragmentMark()
    {
        var framed = RecordMarking.Encode(RpcNullCall.Encode(1));

        Assert.Equal(44, framed.Length);
        Assert.Equal(new byte[] { 0x80, 0, 0, 40 }, framed[..4]);
    }
}
