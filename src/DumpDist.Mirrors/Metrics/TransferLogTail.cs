using System.Text;
using DumpDist.Core.Configuration;
using DumpDist.Mirrors.Rsyncd;
using Microsoft.Extensions.Hosting;

namespace DumpDist.Mirrors.Metrics;

/// <summary>
/// Follows rsyncd's log on an interval and turns its lines into per-mirror metrics. At start it
/// reads the last <see cref="MaxBacklog"/> bytes, so the last pull of each mirror survives a node
/// restart; a log that shrank (rotated) is read from its start.
/// </summary>
internal sealed class TransferLogTail(string logPath, Func<IReadOnlyList<MirrorConfig>> registry, MirrorMetrics metrics, Func<RsyncdStatus>? daemon, TimeSpan interval, TimeProvider time) : BackgroundService
{
    /// <summary>How much of an existing log is read at start.</summary>
    public const long MaxBacklog = 64L << 20;

    private readonly TransferLogParser _parser = new();
    private readonly StringBuilder _partial = new();
    private long _offset = -1;

    /// <summary>Reads what was appended since the last call; returns the number of events counted.</summary>
    public int ReadNew()
    {
        if (daemon?.Invoke() is { } status)
        {
            metrics.SetDaemon(status);
        }

        if (!File.Exists(logPath))
        {
            return 0;
        }

        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (_offset < 0)
        {
            _offset = Math.Max(0, stream.Length - MaxBacklog);
        }
        else if (stream.Length < _offset)
        {
            _offset = 0;
            _partial.Clear();
        }

        stream.Seek(_offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var text = reader.ReadToEnd();
        _offset = stream.Length;
        _partial.Append(text);
        var all = _partial.ToString();
        var end = all.LastIndexOf('\n');
        if (end < 0)
        {
            return 0;
        }

        _partial.Clear().Append(all, end + 1, all.Length - end - 1);
        var names = new MirrorIdentifier(registry());
        var counted = 0;
        foreach (var line in all.AsSpan(0, end).EnumerateLines())
        {
            if (_parser.Read(line.ToString()) is { } e)
            {
                metrics.Record(names.NameOf(e.Address), e);
                counted++;
            }
        }

        return counted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                ReadNew();
            }
            catch (IOException)
            {
                // The next round tries again; a rotated or unreadable log loses no more than this round.
            }

            await Task.Delay(interval, time, stoppingToken).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }
}
