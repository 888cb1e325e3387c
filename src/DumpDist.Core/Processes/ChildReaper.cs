using System.Runtime.InteropServices;

namespace DumpDist.Core.Processes;

/// <summary>
/// Reaps the children started by <see cref="SpawnedProcess"/>. .NET reaps only the processes its
/// Process class started, so these are ours: on each SIGCHLD every waiting pid gets a
/// waitpid(WNOHANG), with no thread parked per child. (When .NET runs as pid 1, or SIGCHLD was
/// ignored when it started, it reaps every child itself; the exit code is then -1.)
/// </summary>
internal static unsafe partial class ChildReaper
{
    private const int WaitNoHang = 1;
    private const int Eintr = 4;
    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, TaskCompletionSource<int>> Waiting = [];
    private static PosixSignalRegistration? _registration;

    /// <summary>Call before spawning, so no SIGCHLD is missed.</summary>
    public static void EnsureListening()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no SIGCHLD; ChildProcess refuses to start anything there
        }

        lock (Gate)
        {
            _registration ??= PosixSignalRegistration.Create(PosixSignal.SIGCHLD, _ => ReapAll());
        }
    }

    /// <summary>Completes with <paramref name="pid"/>'s exit code (or 128 + signal) once it has exited.</summary>
    public static Task<int> WaitForExitAsync(int pid)
    {
        // Continuations run on the thread that reaped (a pool thread, outside the lock): one hop less per exit.
        var exited = new TaskCompletionSource<int>();
        int? exitCode;
        lock (Gate)
        {
            Waiting[pid] = exited;

            // It may have exited before it was listed here.
            exitCode = TryReap(pid);
        }

        if (exitCode is { } code)
        {
            exited.SetResult(code);
        }

        return exited.Task;
    }

    private static void ReapAll()
    {
        List<(TaskCompletionSource<int> Exited, int ExitCode)> reaped = [];
        lock (Gate)
        {
            foreach (var (pid, exited) in Waiting.ToList())
            {
                if (TryReap(pid) is { } exitCode)
                {
                    reaped.Add((exited, exitCode));
                }
            }
        }

        // The last one continues on this thread; the others get their own, so none waits for another's continuation.
        for (var i = 0; i < reaped.Count - 1; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static r => r.Exited.SetResult(r.ExitCode), reaped[i], preferLocal: false);
        }

        if (reaped.Count > 0)
        {
            reaped[^1].Exited.SetResult(reaped[^1].ExitCode);
        }
    }

    /// <summary>The exit code when <paramref name="pid"/> has exited (and is now delisted); null while it runs.</summary>
    private static int? TryReap(int pid)
    {
        int status;
        int result;
        while ((result = WaitPid(pid, &status, WaitNoHang)) < 0 && Marshal.GetLastPInvokeError() == Eintr)
        {
        }

        if (result == 0)
        {
            return null;
        }

        Waiting.Remove(pid);
        var signal = status & 0x7f;
        return result < 0 ? -1 : signal == 0 ? (status >> 8) & 0xff : 128 + signal;
    }

    [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
    private static partial int WaitPid(int pid, int* status, int options);
}
