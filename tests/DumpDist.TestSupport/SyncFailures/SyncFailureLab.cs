using System.Security.Cryptography;
using System.Text;
using DumpDist.Core.Tree;
using Microsoft.Data.Sqlite;

namespace DumpDist.TestSupport.SyncFailures;

/// <summary>
/// A sync pass that fails for a rsync reason, for real: a source tree behind an rsync daemon that
/// reads as nobody (so a mode-000 file is one it cannot send), a served root (a small tmpfs for
/// the disk-full case), a state dir. The test runs a good pass from <see cref="ModuleUrl"/> first,
/// takes a <see cref="Snapshot"/>, lets <see cref="ArrangeAsync"/> break the next pass, runs it, and
/// checks with <see cref="AssertNothingNewPublished"/> and <see cref="LastPass"/>.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SyncFailureLab : IAsyncDisposable
{
    /// <summary>Every scenario, for [Theory] data.</summary>
    public static readonly TheoryScenarios Scenarios = new() { "daemon-down", "missing-module", "partial-transfer", "max-delete", "stage-2", "catch-up", "disk-full" };

    private const string Wiki = "enwiki";
    private const string OldRun = "20261101";
    private const string NewRun = "20261120";
    private readonly string _directory;
    private readonly string _scenario;
    private bool _mounted;

    private SyncFailureLab(string directory, string scenario, RsyncDaemon daemon)
    {
        _directory = directory;
        _scenario = scenario;
        Daemon = daemon;
    }

    /// <summary>The daemon serving <see cref="SourceRoot"/> as module <c>dumps</c>.</summary>
    public RsyncDaemon Daemon { get; }

    /// <summary>The source tree (the module's root).</summary>
    public string SourceRoot => Path.Combine(_directory, "source");

    /// <summary>The module's URL; the dataset is its <c>public/</c>.</summary>
    public string ModuleUrl => Daemon.Url;

    /// <summary>The host's root: <c>public/</c> (the dataset) and <c>trace/</c> below it.</summary>
    public string Root => Path.Combine(_directory, "root");

    /// <summary>The dataset's destination.</summary>
    public string Destination => Path.Combine(Root, "public");

    /// <summary>Where sync.db and the lock live.</summary>
    public string StateDirectory => Path.Combine(_directory, "state");

    /// <summary>A lab for <paramref name="scenario"/>, its source holding one good run.</summary>
    public static async Task<SyncFailureLab> StartAsync(string scenario)
    {
        var directory = TestPaths.NewTempDirectory("sync-fail");
        var daemon = await RsyncDaemon.StartAsync(Path.Combine(directory, "source"), unprivileged: true);
        var lab = new SyncFailureLab(directory, scenario, daemon);
        try
        {
            Directory.CreateDirectory(lab.Root);
            if (scenario == "disk-full")
            {
                // 1 MiB: the good run fits, the new run's 2 MiB file does not.
                var mount = await ExternalProgram.RunAsync("mount", ["-t", "tmpfs", "-o", "size=1m,mode=0755", "tmpfs", lab.Root]);
                Assert(mount.ExitCode == 0, $"mount tmpfs on {lab.Root} (needs root): {mount.StandardError}");
                lab._mounted = true;
            }

            lab.WriteRun(OldRun, ("pages1.xml.bz2", 20_000), ("pages2.xml.bz2", 20_000), ("pages3.xml.bz2", 20_000), ("stub.xml.gz", 5_000), ("abstract.xml.gz", 5_000));
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    /// <summary>Changes the source (or the way to it) so that the next pass fails for this lab's reason.</summary>
    public async Task<SyncFault> ArrangeAsync()
    {
        var rsync = RealRsync();
        switch (_scenario)
        {
            case "daemon-down":
                return new SyncFault($"rsync://127.0.0.1:{FreePort.Next()}/dumps/", false, 0, rsync, "plan", "Connection refused");
            case "missing-module":
                return new SyncFault($"rsync://127.0.0.1:{Daemon.Port}/nosuch/", false, 0, rsync, "plan", "Unknown module 'nosuch'");
            case "partial-transfer":
                WriteRun(NewRun, ("a-readable.xml.bz2", 10_000), ("b-unreadable.xml.bz2", 10_000));
                File.SetUnixFileMode(RunFile(NewRun, "b-unreadable.xml.bz2"), UnixFileMode.None);
                return new SyncFault(ModuleUrl, false, 0, rsync, "data", "exited 23");
            case "max-delete":
                foreach (var job in new[] { "pages1.xml.bz2", "pages2.xml.bz2", "pages3.xml.bz2" })
                {
                    File.Delete(RunFile(OldRun, job));
                }

                return new SyncFault(ModuleUrl, true, 1, rsync, "plan", "exited 25");
            case "stage-2":
                WriteRun(NewRun, ("pages.xml.bz2", 10_000));
                File.SetUnixFileMode(Path.Combine(RunDirectory(NewRun), DumpStatusReader.FileName), UnixFileMode.None);
                return new SyncFault(ModuleUrl, false, 0, rsync, "status", "exited 23");
            case "catch-up":
                WriteRun(NewRun, ("a-early.xml.bz2", 10_000));
                return new SyncFault(ModuleUrl, false, 0, await LateUnreadableFileWrapperAsync(rsync), "catch-up", "exited 23");
            case "disk-full":
                WriteRun(NewRun, ("huge.xml.bz2", 2 << 20));
                return new SyncFault(ModuleUrl, false, 0, rsync, "data", "No space left on device");
            default:
                throw new ArgumentException($"unknown scenario {_scenario}");
        }
    }

    /// <summary>Every visible file of the served root (dot entries are rsync's and the pass's own, never served) and its bytes.</summary>
    public Dictionary<string, byte[]> Snapshot() =>
        Directory.EnumerateFiles(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(p => Path.GetRelativePath(Root, p))
            .Where(p => !p.Split('/').Any(s => s.StartsWith('.')))
            .ToDictionary(p => p, p => File.ReadAllBytes(Path.Combine(Root, p)), StringComparer.Ordinal);

    /// <summary>
    /// Nothing new published: every file served before is there with the same bytes, and no status,
    /// index or checksum file (what publishes a run) appeared. Data files come before status by
    /// design, so a data file of the new run may have arrived, but only whole (the source's bytes).
    /// </summary>
    public void AssertNothingNewPublished(Dictionary<string, byte[]> before)
    {
        var after = Snapshot();
        foreach (var (path, bytes) in before)
        {
            Assert(after.TryGetValue(path, out var now), $"{path} was served before the failed pass and is gone");
            Assert(now!.AsSpan().SequenceEqual(bytes), $"{path} changed in a failed pass");
        }

        foreach (var path in after.Keys.Where(p => !before.ContainsKey(p)))
        {
            Assert(!PublishRules.IsStatusOrIndexFile(path) && !path.StartsWith("trace/", StringComparison.Ordinal), $"{path} was published by a failed pass");
            var source = Path.Combine(SourceRoot, path);
            Assert(File.Exists(source) && File.ReadAllBytes(source).AsSpan().SequenceEqual(after[path]), $"{path} arrived but is not the source's whole file");
        }
    }

    /// <summary>The outcome and message of the last pass recorded in sync.db, or null when none was.</summary>
    public (string Outcome, string? Message)? LastPass()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(StateDirectory, "sync.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT outcome, message FROM passes ORDER BY id DESC LIMIT 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    /// <summary>How many passes sync.db holds.</summary>
    public long PassCount()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(StateDirectory, "sync.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM passes";
        return (long)command.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        if (_mounted)
        {
            await ExternalProgram.RunAsync("umount", ["-l", Root]);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static void Assert(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }

    private static string RealRsync() =>
        new[] { "/usr/bin/rsync", "/bin/rsync", "/usr/local/bin/rsync" }.FirstOrDefault(File.Exists) ?? "rsync";

    private string RunDirectory(string date) => Path.Combine(SourceRoot, "public", Wiki, date);

    private string RunFile(string date, string job) => Path.Combine(RunDirectory(date), $"{Wiki}-{date}-{job}");

    /// <summary>A run with its data, sha1sums, dumpstatus.json (sizes, sums) and index.html.</summary>
    private void WriteRun(string date, params (string Job, int Size)[] files)
    {
        Directory.CreateDirectory(RunDirectory(date));
        var sums = new StringBuilder();
        var entries = new List<string>();
        foreach (var (job, size) in files)
        {
            var bytes = RandomNumberGenerator.GetBytes(size);
            var name = $"{Wiki}-{date}-{job}";
            File.WriteAllBytes(Path.Combine(RunDirectory(date), name), bytes);
            var sha1 = Convert.ToHexStringLower(SHA1.HashData(bytes));
            sums.Append(sha1).Append("  ").Append(name).Append('\n');
            entries.Add($"\"{name}\": {{\"size\": {size}, \"sha1\": \"{sha1}\"}}");
        }

        File.WriteAllText(Path.Combine(RunDirectory(date), $"{Wiki}-{date}-sha1sums.txt"), sums.ToString());
        File.WriteAllText(Path.Combine(RunDirectory(date), DumpStatusReader.FileName), $"{{\"jobs\": {{\"dump\": {{\"status\": \"done\", \"updated\": \"2026-11-20 10:00:00\", \"files\": {{{string.Join(", ", entries)}}}}}}}, \"version\": \"0.8\"}}");
        File.WriteAllText(Path.Combine(RunDirectory(date), "index.html"), $"<html><body>{Wiki} {date}</body></html>\n");
    }

    /// <summary>
    /// An rsync that, right after the pass's planning dry run, adds a file the daemon cannot read
    /// to the new run and names it in the run's sums: stage 1 never saw it, the staged sums name
    /// it, and the catch-up that fetches it fails.
    /// </summary>
    private async Task<string> LateUnreadableFileWrapperAsync(string rsync)
    {
        var bin = Path.Combine(_directory, "bin");
        Directory.CreateDirectory(bin);
        var late = RunFile(NewRun, "z-late.xml.bz2");
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var held = Path.Combine(_directory, "late.bin");
        await File.WriteAllBytesAsync(held, bytes);
        var line = Path.Combine(_directory, "late.sums");
        await File.WriteAllTextAsync(line, $"{Convert.ToHexStringLower(SHA1.HashData(bytes))}  {Path.GetFileName(late)}\n");
        var done = Path.Combine(_directory, "late.done");
        var sums = Path.Combine(RunDirectory(NewRun), $"{Wiki}-{NewRun}-sha1sums.txt");
        var wrapper = Path.Combine(bin, "rsync");
        await File.WriteAllTextAsync(wrapper, $"""
            #!/bin/sh
            '{rsync}' "$@"
            rc=$?
            case " $* " in
              *" --dry-run "*) if [ ! -e '{done}' ]; then touch '{done}'; cp '{held}' '{late}'; chmod 000 '{late}'; cat '{line}' >> '{sums}'; fi ;;
            esac
            exit $rc

            """);
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return wrapper;
    }
}
