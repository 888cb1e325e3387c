using System.IO.Pipes;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace DumpDist.Core.Processes;

/// <summary>
/// A program started with posix_spawn(3) as the leader of a new process group
/// (POSIX_SPAWN_SETPGROUP): no shell, no helper exec, and the group exists before the call returns.
/// Stdin is /dev/null, stdout and stderr are pipes, signal mask and dispositions start clean.
/// glibc's posix_spawn reports a failed exec as its return value, so "cannot start" is exact.
/// </summary>
/// <remarks>
/// A new group, not a new session (POSIX_SPAWN_SETSID): with the kernel's scheduler autogroups a
/// new session is also a new scheduling group, which cost a few ms per start and changed how the
/// child shares the CPU compared with the same program started from a shell. In a terminal the
/// child is a background group: Ctrl-C reaches dumpdist, which stops the child's group itself.
/// </remarks>
internal sealed unsafe partial class SpawnedProcess : IDisposable
{
    private const int OCloexec = 0x80000;
    private const int ORdonly = 0;
    private const short SpawnSetSigDef = 0x04;
    private const short SpawnSetSigMask = 0x08;
    private const short SpawnSetProcessGroup = 0x02;

    // Larger than glibc's posix_spawnattr_t (336 bytes), posix_spawn_file_actions_t (80) and sigset_t (128) on any ABI.
    private const int OpaqueSize = 1024;

    private SpawnedProcess(int id, int stdout, int stderr)
    {
        Id = id;
        StandardOutput = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stdout, ownsHandle: true));
        StandardError = new AnonymousPipeClientStream(PipeDirection.In, new SafePipeHandle(stderr, ownsHandle: true));
        Exited = ChildReaper.WaitForExitAsync(id);
    }

    public int Id { get; }

    public Stream StandardOutput { get; }

    public Stream StandardError { get; }

    /// <summary>The exit code once the process has exited and been reaped: its status, or 128 + the signal that ended it.</summary>
    public Task<int> Exited { get; }

    /// <summary>Starts <paramref name="path"/>; on failure returns null and why (strerror of the spawn or exec).</summary>
    public static (SpawnedProcess? Process, string? Error) Start(
        string path,
        string argv0,
        IReadOnlyList<string> arguments,
        string? workingDirectory,
        IReadOnlyDictionary<string, string?>? environment)
    {
        ChildReaper.EnsureListening();
        var stdout = stackalloc int[2];
        var stderr = stackalloc int[2];
        if (Pipe2(stdout, OCloexec) != 0)
        {
            return (null, Marshal.GetLastPInvokeErrorMessage());
        }

        if (Pipe2(stderr, OCloexec) != 0)
        {
            var error = Marshal.GetLastPInvokeErrorMessage();
            CloseAll(stdout[0], stdout[1]);
            return (null, error);
        }

        var actions = NativeMemory.AllocZeroed(OpaqueSize);
        var attributes = NativeMemory.AllocZeroed(OpaqueSize);
        var signals = NativeMemory.AllocZeroed(OpaqueSize);
        var argv = Utf8Array([argv0, .. arguments]);
        var envp = Utf8Array(Environment(environment));
        try
        {
            _ = FileActionsInit(actions);
            _ = SpawnAttrInit(attributes);
            var failed = FileActionsAddOpen(actions, 0, "/dev/null", ORdonly, 0)
                | FileActionsAddDup2(actions, stdout[1], 1)
                | FileActionsAddDup2(actions, stderr[1], 2)
                | (workingDirectory is null ? 0 : FileActionsAddChdir(actions, workingDirectory))
                | SpawnAttrSetFlags(attributes, SpawnSetProcessGroup | SpawnSetSigMask | SpawnSetSigDef)
                | SpawnAttrSetProcessGroup(attributes, 0)
                | SigEmptySet(signals)
                | SpawnAttrSetSigMask(attributes, signals)
                | SigFillSet(signals)
                | SpawnAttrSetSigDefault(attributes, signals);
            var pid = 0;
            var result = failed != 0 ? failed : Spawn(&pid, path, actions, attributes, argv, envp);
            CloseAll(stdout[1], stderr[1]);
            if (result != 0)
            {
                CloseAll(stdout[0], stderr[0]);
                return (null, Marshal.GetPInvokeErrorMessage(result));
            }

            return (new SpawnedProcess(pid, stdout[0], stderr[0]), null);
        }
        finally
        {
            _ = FileActionsDestroy(actions);
            _ = SpawnAttrDestroy(attributes);
            NativeMemory.Free(actions);
            NativeMemory.Free(attributes);
            NativeMemory.Free(signals);
            FreeUtf8Array(argv);
            FreeUtf8Array(envp);
        }
    }

    public void Dispose()
    {
        StandardOutput.Dispose();
        StandardError.Dispose();
    }

    private static List<string> Environment(IReadOnlyDictionary<string, string?>? overrides)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }

        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        return variables.Select(v => $"{v.Key}={v.Value}").ToList();
    }

    private static byte** Utf8Array(IReadOnlyList<string> values)
    {
        var array = (byte**)NativeMemory.AllocZeroed((nuint)(values.Count + 1), (nuint)sizeof(byte*));
        for (var i = 0; i < values.Count; i++)
        {
            var length = Encoding.UTF8.GetByteCount(values[i]);
            var bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
            Encoding.UTF8.GetBytes(values[i], new Span<byte>(bytes, length));
            bytes[length] = 0;
            array[i] = bytes;
        }

        return array;
    }

    private static void FreeUtf8Array(byte** array)
    {
        for (var entry = array; *entry != null; entry++)
        {
            NativeMemory.Free(*entry);
        }

        NativeMemory.Free(array);
    }

    private static void CloseAll(int first, int second)
    {
        _ = Close(first);
        _ = Close(second);
    }

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2(int* fds, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "posix_spawn", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Spawn(int* pid, string path, void* fileActions, void* attributes, byte** argv, byte** envp);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static partial int FileActionsInit(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static partial int FileActionsDestroy(void* actions);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddOpen(void* actions, int fd, string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static partial int FileActionsAddDup2(void* actions, int fd, int target);

    [LibraryImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int FileActionsAddChdir(void* actions, string path);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static partial int SpawnAttrInit(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static partial int SpawnAttrDestroy(void* attributes);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static partial int SpawnAttrSetFlags(void* attributes, short flags);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setpgroup")]
    private static partial int SpawnAttrSetProcessGroup(void* attributes, int processGroup);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static partial int SpawnAttrSetSigMask(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static partial int SpawnAttrSetSigDefault(void* attributes, void* signals);

    [LibraryImport("libc", EntryPoint = "sigemptyset")]
    private static partial int SigEmptySet(void* signals);

    [LibraryImport("libc", EntryPoint = "sigfillset")]
    private static partial int SigFillSet(void* signals);
}
