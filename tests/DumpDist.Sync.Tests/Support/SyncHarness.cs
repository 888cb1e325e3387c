using DumpDist.Sync.Publishing;
using DumpDist.Sync.Transport;
using DumpDist.TestSupport;

namespace DumpDist.Sync.Tests.Support;

/// <summary>
/// A source tree served by a real rsync daemon on 127.0.0.1, a destination and a state
/// directory, all in temp dirs removed on dispose.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    private readonly string _directory;

    private SyncHarness(string directory, RsyncDaemon daemon)
    {
        _directory = directory;
        Daemon = daemon;
        Source = new TestTree(Path.Combine(directory, "source"));
    }

    public RsyncDaemon Daemon { get; }

    public TestTree Source { get; }

    public string Destination => Path.Combine(_directory, "dest");

    public string StateDirectory => Path.Combine(_directory, "state");

    public ListLogger Logger { get; } = new();

    public static async Task<SyncHarness> StartAsync()
    {
        var directory = TestPaths.NewTempDirectory("sync");
        Directory.CreateDirectory(Path.Combine(directory, "source"));
        var daemon = await RsyncDaemon.StartAsync(Path.Combine(directory, "source"));
        return new SyncHarness(directory, daemon);
    }

    public SyncPassOptions Options() => new()
    {
        Dataset = "dumps",
        Host = "host-a",
        Source = RsyncEndpoint.TryParse(Daemon.Url, out _)!,
        Destination = Destination,
        TraceRoot = Destination,
        StateDirectory = StateDirectory,
        Transfer = new RsyncTransferOptions { ConnectTimeoutSeconds = 10, IoTimeoutSeconds = 30 },
    };

    public Task<SyncPassResult> PassAsync(SyncPassOptions? options = null, string rsyncPath = "rsync", CancellationToken cancellationToken = default) =>
        new SyncPass(new RsyncRunner(rsyncPath), TimeProvider.System, Logger).RunAsync(options ?? Options(), cancellationToken);

    /// <summary>
    /// An rsync wrapper that runs <paramref name="afterDryRun"/> (a shell command) once, right
    /// after the pass's planning dry run: the source changing while the stages run.
    /// </summary>
    public string RsyncWithHookAfterDryRun(string afterDryRun)
    {
        var done = Path.Combine(_directory, "hook-done");
        var script = Path.Combine(_directory, "rsync-hooked");
        File.WriteAllText(script, $$"""
            #!/bin/sh
            rsync "$@"
            rc=$?
            case " $* " in
              *" --dry-run "*) if [ ! -e '{{done}}' ]; then touch '{{done}}'; {{afterDryRun}}; fi ;;
            esac
            exit $rc

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    public string Dest(string relativePath) => Path.Combine(Destination, relativePath);

    public string Src(string relativePath) => Path.Combine(Source.Root, relativePath);

    /// <summary>Every file and symlink under the destination, relative, sorted.</summary>
    public IReadOnlyList<string> DestinationFiles() =>
        Directory.Exists(Destination)
            ? Directory.EnumerateFiles(Destination, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                .Select(p => Path.GetRelativePath(Destination, p)).Order(StringComparer.Ordinal).ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        await Daemon.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
