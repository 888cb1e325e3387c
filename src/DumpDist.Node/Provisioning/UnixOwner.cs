namespace DumpDist.Node.Provisioning;

/// <summary>The user and group a host's directories belong to.</summary>
internal sealed record UnixOwner(string User, uint Uid, string Group, uint Gid)
{
    public override string ToString() => $"{User}:{Group}";
}
