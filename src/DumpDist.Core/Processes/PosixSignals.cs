using System.Runtime.InteropServices;

namespace DumpDist.Core.Processes;

/// <summary>
/// kill(2), for the polite SIGTERM that .NET's Process.Kill (SIGKILL only) cannot send, and for
/// signalling a whole process group (a child started by <see cref="ChildProcessRunner"/> leads its own).
/// </summary>
public static partial class PosixSignals
{
    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int ErrnoPermission = 1;

    /// <summary>Sends SIGTERM to <paramref name="processId"/>; false when it could not be sent.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    /// <summary>Sends SIGTERM to every process in group <paramref name="processGroupId"/>; false when none received it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is 0 or 1: kill(2) would read that as "my own group" or "everyone".</exception>
    public static bool TerminateGroup(int processGroupId) => Kill(-GroupId(processGroupId), SigTerm) == 0;

    /// <summary>Sends SIGKILL to every process in group <paramref name="processGroupId"/>; false when none received it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is 0 or 1 (see <see cref="TerminateGroup"/>).</exception>
    public static bool KillGroup(int processGroupId) => Kill(-GroupId(processGroupId), SigKill) == 0;

    /// <summary>True while group <paramref name="processGroupId"/> has any member, zombies included (signal 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The id is 0 or 1 (see <see cref="TerminateGroup"/>).</exception>
    public static bool GroupExists(int processGroupId) =>
        Kill(-GroupId(processGroupId), 0) == 0 || Marshal.GetLastPInvokeError() == ErrnoPermission;

    private static int GroupId(int processGroupId) =>
        processGroupId > 1 ? processGroupId : throw new ArgumentOutOfRangeException(nameof(processGroupId), processGroupId, "not a child's process group");

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
