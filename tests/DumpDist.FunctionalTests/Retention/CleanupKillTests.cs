using System.Diagnostics;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Retention;

/// <summary>A real crash: `dumpdist cleanup` killed with SIGKILL while it deletes, then run again.</summary>
public sealed class CleanupKillTests : IDisposable
{
    private const int FilesPerRun = 25_000;
    private readonly SmallTree _tree = new(runs: 2);

    [Fact]
    public async Task Cleanup_KilledWhileDeleting_LeavesNoPartialRunVisibleAndTheNextPassFinishes()
    {
        // Three big old runs to remove (deleting 75,000 files takes seconds), two small new ones to keep.
        foreach (var date in new[] { "20250101", "20250201", "20250301" })
        {
            _tree.Run(date, "done");
            var run = _tree.RunPath(date);
            for (var i = 0; i < FilesPerRun; i++)
            {
                File.WriteAllBytes(Path.Combine(run, $"part{i}.gz"), []);
            }
        }

        var trash = Path.Combine(_tree.Root, ".~dumpdist-trash~");
        using var first = Start("cleanup", "--root", _tree.Root, "--keep", "2", "--state-dir", _tree.State);
        Assert.True(await Eventually.TrueAsync(() => Directory.Exists(trash) && Directory.GetDirectories(trash).Length == 3, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(5)));
        await Task.Delay(200); // into the deletes (75,000 unlinks take seconds)
        first.Kill();
        await first.WaitForExitAsync();

        // Killed after the moves (usually mid-delete): every old run is out of the served tree, the kept ones are whole.
        Assert.NotEqual(0, first.ExitCode);
        Assert.Equal(["20260101", "20260201", "latest"], Directory.GetDirectories(Path.Combine(_tree.Root, "public", "aawiki")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var left = Directory.GetDirectories(trash).Sum(d => Directory.EnumerateFiles(d).Count());
        Assert.InRange(left, 1, 3 * (FilesPerRun + 2));

        var second = await DumpDistProcess.RunAsync("cleanup", "--root", _tree.Root, "--keep", "2", "--state-dir", _tree.State);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("leftover", second.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(trash));
    }

    public void Dispose() => _tree.Dispose();

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(DumpDistProcess.DllPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
