using System.Runtime.InteropServices;

namespace DumpDist.Nfs.Ganesha;

/// <summary>SIGTERM for a clean ganesha shutdown (.NET's Process.Kill only sends SIGKILL).</summary>
internal static partial class Signals
{
    private const int SigTerm = 15;

    public static bool Terminate(int processId) => Kill(processId, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
