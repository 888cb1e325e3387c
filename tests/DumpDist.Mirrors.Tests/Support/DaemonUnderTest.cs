using System.Net;
using DumpDist.Mirrors.Modules;
using DumpDist.Mirrors.Rsyncd;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace DumpDist.Mirrors.Tests.Support;

/// <summary>The node's rsync daemon, started by <see cref="RsyncdSupervisor"/> on 127.0.0.1 over the standard tree.</summary>
internal sealed class DaemonUnderTest : IAsyncDisposable
{
    private DaemonUnderTest(MirrorTree tree, RsyncdSupervisor supervisor, string scratch)
    {
        Tree = tree;
        Supervisor = supervisor;
        Scratch = scratch;
    }

    public MirrorTree Tree { get; }

    public RsyncdSupervisor Supervisor { get; }

    public string Scratch { get; }

    public int Port => Supervisor.Settings.Port;

    public static RsyncdSettings Settings(string root, int port, IReadOnlyList<string> allow, int maxConnections = 10, IReadOnlyList<int>? keepRuns = null) => new()
    {
        Address = IPAddress.Loopback,
        Port = port,
        MaxConnections = maxConnections,
        KeepRuns = keepRuns ?? [1, 2],
        PublicDirectory = Path.Combine(root, "public"),
        HostsAllow = allow,
    };

    /// <summary>Writes the standard tree, its include lists, and starts the daemon; returns once it accepts connections.</summary>
    /// <remarks>Run as root (CI), the daemon serves as nobody/nogroup, the default, as in production.</remarks>
    public static async Task<DaemonUnderTest> StartAsync(IReadOnlyList<string>? allow = null, int maxConnections = 10, Action<MirrorTree>? extra = null, Func<RsyncdSettings, RsyncdSettings>? configure = null)
    {
        var scratch = TestPaths.NewTempDirectory("mirrors");
        var tree = MirrorTree.Standard(Path.Combine(scratch, "root"));
        extra?.Invoke(tree);
        var paths = RsyncdPaths.ForStateDir(Path.Combine(scratch, "state"));
        var settings = Settings(tree.Root, FreePort.Next(), allow ?? ["127.0.0.1/32"], maxConnections);
        settings = configure?.Invoke(settings) ?? settings;
        await IncludeListWriter.WriteAsync(tree.Root, paths, settings.KeepRuns, DateTimeOffset.UtcNow, CancellationToken.None);
        var supervisor = new RsyncdSupervisor(settings, paths, new RsyncdOptions(), TimeProvider.System, NullLogger.Instance);
        await supervisor.StartAsync(CancellationToken.None);
        var daemon = new DaemonUnderTest(tree, supervisor, scratch);
        if (!await Eventually.TrueAsync(() => supervisor.Status.Healthy, TimeSpan.FromSeconds(20)))
        {
            await daemon.DisposeAsync();
            throw new InvalidOperationException($"rsync daemon did not come up: {supervisor.Status}");
        }

        return daemon;
    }

    public string NewDestination() => TestPaths.NewTempDirectory("mirror-copy");

    public string Log() => File.Exists(Supervisor.Paths.LogFile) ? File.ReadAllText(Supervisor.Paths.LogFile) : string.Empty;

    public async ValueTask DisposeAsync()
    {
        await Supervisor.StopAsync(CancellationToken.None);
        Supervisor.Dispose();
        try
        {
            Directory.Delete(Scratch, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
