using System.Diagnostics;
using System.Text.RegularExpressions;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Progress;

/// <summary>
/// The long commands' progress as a user sees it: plain lines on stderr, never an escape code, when
/// output goes to a file or pipe; a drawn bar on a terminal (a pseudo-terminal from script(1)).
/// </summary>
public sealed partial class ProgressOutputTests(ProgressOutputTests.Tree tree) : IClassFixture<ProgressOutputTests.Tree>
{
    private const string Size = @"[\d.]+ (B|KiB|MiB|GiB)";

    [Theory]
    [InlineData("verify")]
    [InlineData("compare")]
    [InlineData("cleanup")]
    [InlineData("sync")]
    public async Task Command_OutputRedirected_PlainProgressLinesNoEscapeCodes(string command)
    {
        var work = TestPaths.NewTempDirectory("progress-" + command);
        try
        {
            string[] arguments = command switch
            {
                "verify" => ["verify", tree.Root, "--state-dir", Path.Combine(work, "state")],
                "compare" => ["compare", tree.Root, tree.Root, "--checksums"],
                "cleanup" => ["cleanup", "--root", tree.Root, "--keep", "1", "--dry-run", "--state-dir", Path.Combine(work, "state")],
                _ => ["sync", "--source", tree.Root, "--dest", Path.Combine(work, "copy"), "--once", "--state-dir", Path.Combine(work, "state")],
            };
            var label = command == "sync" ? "sync default" : command;

            // TERM says "a capable terminal", but stdout and stderr are pipes: that must win.
            var result = await ExternalProgram.RunAsync("dotnet", [DumpDistProcess.DllPath, .. arguments], timeout: TimeSpan.FromMinutes(3),
                environment: new Dictionary<string, string> { ["DUMPDIST_PROGRESS_INTERVAL"] = "0.05", ["TERM"] = "xterm-256color" });

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.DoesNotContain('\u001b', result.StandardOutput);
            Assert.DoesNotContain('\u001b', result.StandardError);
            Assert.DoesNotContain('\r', result.StandardError);
            var progress = result.StandardError.Split('\n').Where(l => l.StartsWith($"dumpdist {label}: ", StringComparison.Ordinal)).ToList();
            Assert.All(progress, line => Assert.Matches(LineFormat(), line));
            if (command == "verify")
            {
                // 70 MB to hash: long enough for lines at 0.05 s, with counts, bytes and (once measured) rate and ETA.
                Assert.NotEmpty(progress);
                Assert.All(progress, line => Assert.Matches($@"^dumpdist verify: verifying [\d,]+/[\d,]+ files, {Size}/{Size}(, {Size}/s(, ETA \d+:\d\d:\d\d)?)?$", line));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Verify_OnPseudoTerminal_ProgressFramesDrawn()
    {
        var state = TestPaths.NewTempDirectory("progress-pty");
        try
        {
            var command = $"dotnet '{DumpDistProcess.DllPath}' verify '{tree.Root}' --state-dir '{state}'";
            var startInfo = new ProcessStartInfo("script", ["-q", "-e", "-c", command, "/dev/null"])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            startInfo.Environment["TERM"] = "xterm-256color";
            using var process = Process.Start(startInfo)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var screen = await output;

            Assert.True(process.ExitCode == 0, screen + await error);
            Assert.Contains("\u001b[", screen, StringComparison.Ordinal); // drawn, not printed
            Assert.Matches(@"verify: verifying [\d,]+/[\d,]+ files", screen);
            Assert.DoesNotContain("dumpdist verify: verifying", screen, StringComparison.Ordinal); // no plain lines on a terminal
            Assert.Matches(@"verify: \d+ good", screen); // the report still arrives after the bar
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    // "dumpdist COMMAND: PHASE" then counts, sizes, rate and ETA, comma-separated.
    [GeneratedRegex(@"^dumpdist [a-z ]+: [a-z]+( ([\d,]+(/[\d,]+)? [a-z]+|[\d.]+ (B|KiB|MiB|GiB)(/[\d.]+ (B|KiB|MiB|GiB))?|[\d.,]+ ([a-z]+|B|KiB|MiB|GiB)/s|ETA \d+:\d\d:\d\d)(, ([\d,]+(/[\d,]+)? [a-z]+|[\d.]+ (B|KiB|MiB|GiB)(/[\d.]+ (B|KiB|MiB|GiB))?|[\d.,]+ ([a-z]+|B|KiB|MiB|GiB)/s|ETA \d+:\d\d:\d\d))*)?$")]
    private static partial Regex LineFormat();

    /// <summary>One generated tree (one wiki, two runs, about 70 MB) shared by the tests.</summary>
    public sealed class Tree : IAsyncLifetime
    {
        private readonly string _dir = TestPaths.NewTempDirectory("progress-tree");

        public string Root => Path.Combine(_dir, "tree");

        public async Task InitializeAsync()
        {
            var result = await DumpDistProcess.RunAsync("fixture", "--out", Root, "--wikis", "1", "--runs", "2", "--scale", "8000000");
            Assert.True(result.ExitCode == 0, result.StandardError);
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_dir, recursive: true);
            return Task.CompletedTask;
        }
    }
}
