using System.Buffers.Binary;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>Hand-built RPC reply bodies (RFC 5531) for parser and probe tests.</summary>
internal static class RpcReplies
{
    public static byte[] Words(params uint[] words)
    {
        var bytes = new byte[words.Length * 4];
        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(i * 4), words[i]);
        }

        return bytes;
    }

    /// <summary>xid, REPLY, MSG_ACCEPTED, verifier AUTH_NONE empty, accept_stat, then extra words.</summary>
    public static byte[] Accepted(uint xid, uint acceptStat, params uint[] extra) =>
        Words([xid, 1, 0, 0, 0, acceptStat, .. extra]);
}
