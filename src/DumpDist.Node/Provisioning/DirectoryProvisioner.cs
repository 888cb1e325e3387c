namespace DumpDist.Node.Provisioning;

/// <summary>
/// Brings each directory to its mode and owner: creates what is missing, corrects what differs and
/// leaves what is right untouched, so a second run changes nothing. Never recursive: the files
/// inside a tree keep whatever owners sync gave them.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class DirectoryProvisioner
{
    public static IReadOnlyList<DirectoryChange> Apply(IEnumerable<HostDirectory> directories, UnixOwner owner)
    {
        var changes = new List<DirectoryChange>();
        foreach (var directory in directories)
        {
            var created = false;
            if (!Directory.Exists(directory.Path))
            {
                if (File.Exists(directory.Path))
                {
                    throw new IOException($"{directory.Path} ({directory.Purpose}) is a file, not a directory");
                }

                Directory.CreateDirectory(directory.Path, directory.Mode);
                created = true;
            }

            UnixFileMode? modeWas = null;
            var mode = File.GetUnixFileMode(directory.Path);
            if (mode != directory.Mode)
            {
                // CreateDirectory's mode passes through the umask; set it exactly.
                File.SetUnixFileMode(directory.Path, directory.Mode);
                modeWas = created ? null : mode;
            }

            string? ownerWas = null;
            var (uid, gid) = NativeOwnership.Of(directory.Path);
            if (uid != owner.Uid || gid != owner.Gid)
            {
                NativeOwnership.Change(directory.Path, owner.Uid, owner.Gid);
                ownerWas = created ? null : $"{uid}:{gid}";
            }

            changes.Add(new DirectoryChange(directory, created, modeWas, ownerWas));
        }

        return changes;
    }
}
