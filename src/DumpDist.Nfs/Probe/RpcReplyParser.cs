using System.Buffers.Binary;

namespace DumpDist.Nfs.Probe;

/// <summary>Parses the reply to a NULL call (RFC 5531 section 9: rpc_msg, reply_body).</summary>
internal static class RpcReplyParser
{
    /// <summary>Largest verifier body RFC 5531 allows (MAX_AUTH_BYTES).</summary>
    private const int MaxAuthBytes = 400;

    public static RpcReplyCheck Parse(ReadOnlySpan<byte> record, uint expectedXid)
    {
        var reader = new XdrReader(record);
        if (!reader.TryReadUInt32(out var xid) || !reader.TryReadUInt32(out var messageType))
        {
            return RpcReplyCheck.Fail($"reply too short ({record.Length} bytes)");
        }

        if (xid != expectedXid)
        {
            return RpcReplyCheck.Fail($"reply xid 0x{xid:x8} does not match call xid 0x{expectedXid:x8}");
        }

        if (messageType != RpcConstants.Reply)
        {
            return RpcReplyCheck.Fail($"message type {messageType} is not REPLY");
        }

        if (!reader.TryReadUInt32(out var replyStat))
        {
            return RpcReplyCheck.Fail("reply truncated before reply_stat");
        }

        return replyStat switch
        {
            RpcConstants.MsgAccepted => ParseAccepted(ref reader),
            RpcConstants.MsgDenied => ParseDenied(ref reader),
            _ => RpcReplyCheck.Fail($"unknown reply_stat {replyStat}"),
        };
    }

    private static RpcReplyCheck ParseAccepted(ref XdrReader reader)
    {
        if (!reader.TryReadUInt32(out _) || !reader.TryReadUInt32(out var verifierLength))
        {
            return RpcReplyCheck.Fail("accepted reply truncated in verifier");
        }

        if (verifierLength > MaxAuthBytes || !reader.TrySkip((int)((verifierLength + 3) & ~3u)))
        {
            return RpcReplyCheck.Fail($"accepted reply has a bad verifier length {verifierLength}");
        }

        if (!reader.TryReadUInt32(out var acceptStat))
        {
            return RpcReplyCheck.Fail("accepted reply truncated before accept_stat");
        }

        switch ((RpcAcceptStatus)acceptStat)
        {
            case RpcAcceptStatus.Success:
                return RpcReplyCheck.Ok();
            case RpcAcceptStatus.ProgramMismatch:
                return reader.TryReadUInt32(out var low) && reader.TryReadUInt32(out var high)
                    ? RpcReplyCheck.Fail($"PROG_MISMATCH: server supports NFS versions {low} to {high}, not 4")
                    : RpcReplyCheck.Fail("PROG_MISMATCH");
            case RpcAcceptStatus.ProgramUnavailable:
                return RpcReplyCheck.Fail("PROG_UNAVAIL: no NFS program on this port");
            case RpcAcceptStatus.ProcedureUnavailable:
                return RpcReplyCheck.Fail("PROC_UNAVAIL");
            case RpcAcceptStatus.GarbageArguments:
                return RpcReplyCheck.Fail("GARBAGE_ARGS");
            case RpcAcceptStatus.SystemError:
                return RpcReplyCheck.Fail("SYSTEM_ERR");
            default:
                return RpcReplyCheck.Fail($"unknown accept_stat {acceptStat}");
        }
    }

    private static RpcReplyCheck ParseDenied(ref XdrReader reader)
    {
        if (!reader.TryReadUInt32(out var rejectStat))
        {
            return RpcReplyCheck.Fail("denied reply truncated");
        }

        return rejectStat switch
        {
            0 when reader.TryReadUInt32(out var low) && reader.TryReadUInt32(out var high) =>
                RpcReplyCheck.Fail($"MSG_DENIED RPC_MISMATCH: server speaks RPC {low} to {high}"),
            0 => RpcReplyCheck.Fail("MSG_DENIED RPC_MISMATCH"),
            1 when reader.TryReadUInt32(out var authStat) => RpcReplyCheck.Fail($"MSG_DENIED AUTH_ERROR {authStat}"),
            1 => RpcReplyCheck.Fail("MSG_DENIED AUTH_ERROR"),
            _ => RpcReplyCheck.Fail($"MSG_DENIED with unknown reject_stat {rejectStat}"),
        };
    }

    private ref struct XdrReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _offset;

        public bool TryReadUInt32(out uint value)
        {
            if (_data.Length - _offset < 4)
            {
                value = 0;
                return false;
            }

            value = BinaryPrimitives.ReadUInt32BigEndian(_data[_offset..]);
            _offset += 4;
            return true;
        }

        public bool TrySkip(int count)
        {
            if (count < 0 || _data.Length - _offset < count)
            {
                return false;
            }

            _offset += count;
            return true;
        }
    }
}
