namespace DumpDist.Node.Provisioning;

/// <summary>What provisioning did to one directory (nothing, when it already was right).</summary>
internal sealed record DirectoryChange(HostDirectory Directory, bool Created, UnixFileMode? ModeWas, string? OwnerWas)
{
    public bool Changed => Created || ModeWas is not null || OwnerWas is not null;
}
