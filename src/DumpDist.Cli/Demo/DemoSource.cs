using DumpDist.Core.Processes;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Demo;

/// <summary>
/// The generation host of the demo: <c>rsync --daemon --no-detach</c> serving the fixture tree as
/// one read-only module on its own loopback address, supervised like every long-running child.
/// </summary>
internal static class DemoSource
{
    public static ProcessSupervisor Create(DemoLayout layout, string rsync, ILogger logger)
    {
        var directory = layout.SourceStateDirectory;
        var config = Path.Combine(directory, "rsyncd.conf");
        return new ProcessSupervisor(
            new ProcessSupervisorOptions
            {
                Name = "generation source (rsync daemon)",
                BeforeStartAsync = async cancellationToken =>
                {
                    Directory.CreateDirectory(directory);
                    await File.WriteAllTextAsync(config, Config(layout, directory), cancellationToken);
                },
                Spec = () => new ChildProcessSpec(rsync, ["--daemon", "--no-detach", "--config=" + config, "--address=" + layout.SourceAddress, "--port=" + layout.SourcePort])
                {
                    StandardOutput = ChildOutput.Discard,
                    StandardError = ChildOutput.Discard,
                    StopGrace = TimeSpan.FromSeconds(5),
                },
            },
            TimeProvider.System,
            logger);
    }

    private static string Config(DemoLayout layout, string directory) => $"""
        # The demo's generation host: the canonical tree, read only.
        use chroot = no
        pid file = {Path.Combine(directory, "rsyncd.pid")}
        log file = {Path.Combine(directory, "rsyncd.log")}
        reverse lookup = no

        [{DemoLayout.SourceModule}]
            path = {layout.SourceTree}
            comment = the canonical dump tree (dumpdist demo)
            read only = yes
            list = yes
            dont compress = *

        """;
}
