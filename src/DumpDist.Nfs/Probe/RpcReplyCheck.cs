namespace DumpDist.Nfs.Probe;

/// <summary>What an RPC reply said: accepted with SUCCESS, or the reason it was not.</summary>
internal sealed record RpcReplyCheck(bool Success, string Description)
{
    public static RpcReplyCheck Ok() => new(true, "accepted, SUCCESS");

    public static RpcReplyCheck Fail(string description) => new(false, description);
}
