using System.Runtime.InteropServices;

namespace DumpDist.Node.Provisioning;

/// <summary>Users and groups by name through the C library (so NSS sources such as LDAP count, as for chown(1)).</summary>
internal static partial class UnixAccounts
{
    /// <summary>The package's system user, the default owner when it exists.</summary>
    public const string ServiceUser = "dumpdist";

    /// <summary><c>USER</c> (with its primary group) or <c>USER:GROUP</c>; null and why when either is unknown.</summary>
    public static UnixOwner? Find(string spec, out string? error)
    {
        var parts = spec.Split(':', 2);
        var user = parts[0];
        var passwd = GetPasswordEntry(user);
        if (passwd == IntPtr.Zero)
        {
            error = $"no such user '{user}'";
            return null;
        }

        // struct passwd on 64-bit Linux: pw_name, pw_passwd (pointers), then pw_uid, pw_gid.
        var uid = (uint)Marshal.ReadInt32(passwd, 16);
        var gid = (uint)Marshal.ReadInt32(passwd, 20);
        var groupName = parts.Length == 2 ? parts[1] : null;
        if (groupName is not null)
        {
            var group = GetGroupEntry(groupName);
            if (group == IntPtr.Zero)
            {
                error = $"no such group '{groupName}'";
                return null;
            }

            // struct group: gr_name, gr_passwd (pointers), then gr_gid.
            gid = (uint)Marshal.ReadInt32(group, 16);
        }
        else
        {
            var group = GetGroupEntryById(gid);
            groupName = group == IntPtr.Zero ? gid.ToString(System.Globalization.CultureInfo.InvariantCulture) : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(group, 0))!;
        }

        error = null;
        return new UnixOwner(user, uid, groupName, gid);
    }

    /// <summary>The user running this process, with its primary group.</summary>
    public static UnixOwner Current()
    {
        var uid = GetUid();
        var passwd = GetPasswordEntryById(uid);
        var name = passwd == IntPtr.Zero ? uid.ToString(System.Globalization.CultureInfo.InvariantCulture) : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(passwd, 0))!;
        return Find(name, out _) ?? new UnixOwner(name, uid, GetGid().ToString(System.Globalization.CultureInfo.InvariantCulture), GetGid());
    }

    [LibraryImport("libc", EntryPoint = "getpwnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetPasswordEntry(string name);

    [LibraryImport("libc", EntryPoint = "getpwuid")]
    private static partial IntPtr GetPasswordEntryById(uint uid);

    [LibraryImport("libc", EntryPoint = "getgrnam", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetGroupEntry(string name);

    [LibraryImport("libc", EntryPoint = "getgrgid")]
    private static partial IntPtr GetGroupEntryById(uint gid);

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();

    [LibraryImport("libc", EntryPoint = "getgid")]
    private static partial uint GetGid();
}
