using DumpDist.TestSupport;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>
/// A fake exportfs in a temp bin dir (the kernel server is absent here). It appends its
/// arguments and a copy of the exports file it saw to calls.log, and fails like exportfs does
/// when the file contains the word BADCLIENT.
/// </summary>
internal sealed class FakeExportfs : IDisposable
{
    public FakeExportfs()
    {
        Directory = TestPaths.NewTempDirectory("fake-exportfs");
        ExportsFile = Path.Combine(Directory, "exports.d", "dumpdist.exports");
        ProgramPath = Path.Combine(Directory, "bin", "exportfs");
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(ProgramPath)!);
        File.WriteAllText(ProgramPath, $$"""
            #!/bin/sh
            echo "args: $*" >> '{{CallsLog}}'
            if [ -f '{{ExportsFile}}' ]; then cat '{{ExportsFile}}' >> '{{CallsLog}}'; fi
            if [ -f '{{ExportsFile}}' ] && grep -q BADCLIENT '{{ExportsFile}}'; then
              echo "exportfs: Failed to resolve BADCLIENT" >&2
              exit 1
            fi
            exit 0
            """);
        File.SetUnixFileMode(ProgramPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string Directory { get; }

    public string ExportsFile { get; }

    public string ProgramPath { get; }

    public string CallsLog => Path.Combine(Directory, "calls.log");

    public string Calls => File.Exists(CallsLog) ? File.ReadAllText(CallsLog) : string.Empty;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
