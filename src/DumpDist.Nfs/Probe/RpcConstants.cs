namespace DumpDist.Nfs.Probe;

/// <summary>ONC RPC numbers used by the probe (RFC 5531).</summary>
internal static class RpcConstants
{
    public const uint Call = 0;
    public const uint Reply = 1;
    public const uint RpcVersion = 2;
    public const uint NfsProgram = 100003;
    public const uint NfsVersion4 = 4;
    public const uint NullProcedure = 0;
    public const uint AuthNone = 0;

    public const uint MsgAccepted = 0;
    public const uint MsgDenied = 1;

    /// <summary>Top bit of a record mark: this fragment is the last of the record (RFC 5531 section 11).</summary>
    public const uint LastFragmentBit = 0x8000_0000;
    public const uint FragmentLengthMask = 0x7FFF_FFFF;
}
