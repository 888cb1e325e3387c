using System.Runtime.InteropServices;

namespace DumpDist.Sync.Transport;

/// <summary>kill(2), for a polite SIGTERM that .NET's Process.Kill (SIGKILL only) cannot send.</summary>
internal static partial class NativeSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false when it could not be sent.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
