using System.Buffers.Binary;

namespace DumpDist.Nfs.Probe;

/// <summary>Builds the NFSv4 NULL procedure call: the cheapest request an NFS server must answer.</summary>
internal static class RpcNullCall
{
    /// <summary>Size of the call body: xid, msg_type, rpcvers, prog, vers, proc, cred (flavor, len), verf (flavor, len).</summary>
    public const int BodyLength = 10 * sizeof(uint);

    /// <summary>The call body, without the record mark.</summary>
    public static byte[] Encode(uint xid, uint program = RpcConstants.NfsProgram, uint version = RpcConstants.NfsVersion4)
    {
        var body = new byte[BodyLength];
        var span = body.AsSpan();
        uint[] words =
        [
            xid,
            RpcConstants.Call,
            RpcConstants.RpcVersion,
            program,
            version,
            RpcConstants.NullProcedure,
            RpcConstants.AuthNone, 0, // credential: AUTH_NONE, empty body
            RpcConstants.AuthNone, 0, // verifier: AUTH_NONE, empty body
        ];
        for (var i = 0; i < words.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[(i * 4)..], words[i]);
        }

        return body;
    }
}
