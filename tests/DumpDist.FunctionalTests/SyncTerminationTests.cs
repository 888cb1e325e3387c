using System.Diagnostics;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests;

/// <summary>SIGTERM (systemd stop) during a pass: rsync is stopped with it, nothing half-written is visible.</summary>
public sealed class SyncTerminationTests : IDisposable
{
    private readonly string _directory = TestPaths.NewTempDirectory("sync-term");

    [Fact]
    public async Task Sync_SigtermMidTransfer_StopsRsyncExitsOneAndNextPassCompletes()
    {
        var source = Path.Combine(_directory, "source");
        var dest = Path.Combine(_directory, "dest");
        var run = Path.Combine(source, "public", "w", "20261101");
        Directory.CreateDirectory(run);
        var big = Path.Combine(run, "w-20261101-big.xml.bz2");
        await File.WriteAllBytesAsync(big, new byte[4_000_000]);
        string[] arguments = [DumpDistProcess.DllPath, "sync", "--source", source, "--dest", dest, "--once", "--bwlimit", "500", "--state-dir", Path.Combine(_directory, "state")];
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var target = Path.Combine(dest, "public", "w", "20261101");
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(Directory.Exists(target) && Directory.EnumerateFiles(target, ".*").Any()))
        {
            Assert.True(DateTime.UtcNow < deadline, "rsync never started writing");
            await Task.Delay(20);
        }

        var rsyncChildren = ChildrenOf(process.Id);
        Assert.NotEmpty(rsyncChildren);
        Assert.Equal(0, (await ExternalProgram.RunAsync("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])).ExitCode);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("cancelled", await stderr);
        Assert.All(rsyncChildren, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"rsync {pid} outlived dumpdist"));
        Assert.False(File.Exists(Path.Combine(target, "w-20261101-big.xml.bz2")));

        var next = await DumpDistProcess.RunAsync(arguments[1..].Where(a => a != "--bwlimit" && a != "500").ToArray());

        Assert.Equal(0, next.ExitCode);
        Assert.Equal(4_000_000, new FileInfo(Path.Combine(target, "w-20261101-big.xml.bz2")).Length);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static List<int> ChildrenOf(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture))
            .Where(pid => ParentOf(pid) == parent)
            .ToList();

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }
}
