using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Demo;

/// <summary>
/// A real `dumpdist demo` process on a random loopback address and port block (other tests run
/// at the same time), its output kept, with what it printed parsed back out.
/// </summary>
internal sealed partial class DemoProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "dumpdist demo: ready in ";
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DemoProcess(Process process, string address, int port)
    {
        _process = process;
        Address = address;
        Port = port;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Host a's address (b is the next one, the generation source the one after).</summary>
    public string Address { get; }

    public string AddressB => NextAddress(Address, 1);

    /// <summary>The web port (the first of the block).</summary>
    public int Port { get; }

    public int AdminPort => Port + 3;

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The state directory it announced ("dumpdist demo: state in DIR").</summary>
    public string Directory => StateLine().Match(Output).Groups[1].Value;

    /// <summary>Starts the demo; <paramref name="path"/> replaces PATH (to hide rsync or ganesha).</summary>
    public static DemoProcess Start(string? path = null, params string[] extra)
    {
        var address = $"127.{Random.Shared.Next(100, 200)}.{Random.Shared.Next(0, 256)}.{Random.Shared.Next(1, 250)}";
        var port = Random.Shared.Next(20000, 30000);
        var startInfo = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { DumpDistProcess.DllPath, "demo", "--address", address, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--wikis", "1" }.Concat(extra))
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (path is not null)
        {
            startInfo.Environment["PATH"] = path;
        }

        return new DemoProcess(Process.Start(startInfo) ?? throw new InvalidOperationException("dumpdist demo did not start"), address, port);
    }

    /// <summary>Waits for the ready line; false when the demo exited first or the limit passed.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan limit)
    {
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(_ready.Task, exited, Task.Delay(limit));
        return done == _ready.Task;
    }

    public async Task<int?> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The value of a guide line ("  fail over      COMMAND"), by its label.</summary>
    public string GuideLine(string label)
    {
        var line = Output.Split('\n').FirstOrDefault(l => l.StartsWith("  " + label + " ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no '{label}' line in:\n{Output}");
        return line[(2 + label.Length)..].Trim();
    }

    /// <summary>A printed command split as a shell would (double-quoted words kept whole).</summary>
    public static IReadOnlyList<string> Words(string command) =>
        Word().Matches(command).Select(m => m.Value.Trim('"')).ToList();

    /// <summary>Every process descended from the demo now (pid, group, command), read from /proc.</summary>
    public IReadOnlyList<ProcTable.Entry> Descendants()
    {
        var all = System.IO.Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(n => n!.Length > 0 && n.All(char.IsAsciiDigit))
            .Select(n => ProcTable.Read(int.Parse(n!, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(e => e is { State: not 'Z' })
            .Select(e => e!)
            .ToList();
        var found = new List<ProcTable.Entry>();
        var parents = new HashSet<int> { Pid };
        for (var grown = true; grown;)
        {
            grown = false;
            foreach (var entry in all.Where(e => parents.Contains(e.ParentPid) && !parents.Contains(e.Pid)))
            {
                found.Add(entry);
                parents.Add(entry.Pid);
                grown = true;
            }
        }

        return found;
    }

    public Task<ProcessResult> SignalAsync(string signal) =>
        ExternalProgram.RunAsync("kill", ["-" + signal, Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("TERM");
            if (await WaitForExitAsync(TimeSpan.FromSeconds(60)) is null)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    public static string NextAddress(string address, int steps)
    {
        var parts = address.Split('.');
        parts[3] = (int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture) + steps).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return string.Join('.', parts);
    }

    /// <summary>The dotnet host running these tests, found without PATH (tests change the demo's PATH).</summary>
    private static string DotnetPath()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Prepend(root ?? string.Empty)
            .Select(d => Path.Combine(d, "dotnet"))
            .FirstOrDefault(File.Exists) ?? "dotnet";
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    [GeneratedRegex(@"dumpdist demo: state in (\S+)")]
    private static partial Regex StateLine();

    [GeneratedRegex("\"[^\"]*\"|\\S+")]
    private static partial Regex Word();
}
