using DumpDist.Core.Processes;
using Microsoft.Extensions.Logging;

namespace DumpDist.Cli.Demo;

/// <summary>
/// A serving host of the demo: a real <c>dumpdist node --config F --host NAME</c> child, supervised
/// (own process group, restarted if it dies, SIGTERM on stop), its output in <c>&lt;dir&gt;/NAME/node.log</c>.
/// </summary>
internal static class DemoNodes
{
    /// <summary>The node's SIGTERM-to-SIGKILL grace: its web's stop_timeout, ganesha's and rsyncd's own stops, and start-up.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    public static (ProcessSupervisor Supervisor, IDisposable Log) Create(DemoLayout layout, string host, bool nfs, ILogger logger)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(layout.NodeLog(host))!);
        var log = new StreamWriter(layout.NodeLog(host), append: true) { AutoFlush = true };
        var gate = new Lock();
        void Write(string line)
        {
            lock (gate)
            {
                log.WriteLine(line);
            }
        }

        var (program, leading) = DumpDistExecutable.Self();
        string[] arguments = [.. leading, "node", "--config", layout.ConfigPath, "--host", host, .. nfs ? ["--nfs-server", "ganesha"] : Array.Empty<string>()];
        var supervisor = new ProcessSupervisor(
            new ProcessSupervisorOptions
            {
                Name = $"node {host}",
                Spec = () => new ChildProcessSpec(program, arguments)
                {
                    StandardOutput = ChildOutput.Lines(Write) with { Logger = logger, LogLevel = LogLevel.Trace },
                    StandardError = ChildOutput.Lines(Write) with { Logger = logger, LogLevel = LogLevel.Trace },
                    StopGrace = StopGrace,
                },
            },
            TimeProvider.System,
            logger);
        return (supervisor, log);
    }
}
