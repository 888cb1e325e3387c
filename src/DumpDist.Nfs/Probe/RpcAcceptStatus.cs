namespace DumpDist.Nfs.Probe;

/// <summary>accept_stat of an accepted RPC reply (RFC 5531).</summary>
internal enum RpcAcceptStatus : uint
{
    Success = 0,
    ProgramUnavailable = 1,
    ProgramMismatch = 2,
    ProcedureUnavailable = 3,
    GarbageArguments = 4,
    SystemError = 5,
}
