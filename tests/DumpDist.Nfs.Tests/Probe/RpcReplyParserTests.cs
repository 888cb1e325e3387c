using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.Probe;

public sealed class RpcReplyParserTests
{
    private const uint Xid = 0x01020304;

    public static TheoryData<byte[], bool, string> Replies => new()
    {
        { RpcReplies.Accepted(Xid, 0), true, "SUCCESS" },
        { RpcReplies.Words(Xid, 1, 0, 1, 8, 0xAA, 0xBB, 0), true, "SUCCESS" }, // verifier with an 8-byte body
        { RpcReplies.Words(Xid, 1, 0, 1, 5, 0xAA, 0xBB, 0), true, "SUCCESS" }, // 5-byte body padded to 8
        { RpcReplies.Accepted(Xid, 2, 3, 3), false, "PROG_MISMATCH: server supports NFS versions 3 to 3" },
        { RpcReplies.Accepted(Xid, 2), false, "PROG_MISMATCH" },
        { RpcReplies.Accepted(Xid, 1), false, "PROG_UNAVAIL" },
        { RpcReplies.Accepted(Xid, 3), false, "PROC_UNAVAIL" },
        { RpcReplies.Accepted(Xid, 4), false, "GARBAGE_ARGS" },
        { RpcReplies.Accepted(Xid, 5), false, "SYSTEM_ERR" },
        { RpcReplies.Accepted(Xid, 99), false, "unknown accept_stat 99" },
        { RpcReplies.Words(Xid, 1, 1, 0, 2, 2), false, "RPC_MISMATCH" },
        { RpcReplies.Words(Xid, 1, 1, 1, 1), false, "AUTH_ERROR 1" },
        { RpcReplies.Words(Xid, 1, 1, 7), false, "unknown reject_stat 7" },
        { RpcReplies.Words(Xid + 1, 1, 0, 0, 0, 0), false, "does not match call xid" },
        { RpcReplies.Words(Xid, 0, 0, 0, 0, 0), false, "not REPLY" },
        { RpcReplies.Words(Xid, 1, 5), false, "unknown reply_stat 5" },
        { RpcReplies.Words(Xid, 1, 0, 0, 0), false, "truncated before accept_stat" },
        { RpcReplies.Words(Xid, 1, 0, 0, 1000), false, "bad verifier length 1000" },
        { RpcReplies.Words(Xid, 1, 0, 0, 16, 1), false, "bad verifier length 16" },
        { RpcReplies.Words(Xid, 1), false, "truncated before reply_stat" },
        { new byte[] { 1, 2, 3 }, false, "too short" },
        { "HTTP/1.1 400 Bad Request\r\n"u8.ToArray(), false, "does not match call xid" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public void Parse_Reply_ReportsSuccessOrReason(byte[] record, bool success, string expected)
    {
        var check = RpcReplyParser.Parse(record, Xid);

        Assert.Equal(success, check.Success);
        Assert.Contains(expected, check.Description);
    }
}
