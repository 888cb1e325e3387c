using System.Runtime.InteropServices;

namespace DumpDist.Core.Processes;

/// <summary>kill(2), for the polite SIGTERM that .NET's Process.Kill (SIGKILL only) cannot send.</summary>
public static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="processId"/>; false when it could not be sent.</summary>
    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
