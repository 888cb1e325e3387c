using System.Globalization;
using System.Net;
using System.Text;
using System.Threading.Channels;

namespace DumpDist.Web.Logging;

/// <summary>
/// Writes one line per request in nginx's "combined" format, so existing log tools (goaccess,
/// awstats, the Wikimedia pipelines) read it unchanged:
/// <c>$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"</c>.
/// Lines go through a bounded channel to one writer task; when the disk cannot keep up, lines
/// are dropped and counted rather than slowing downloads. A file log is reopened at its path on
/// <see cref="Reopen"/> (SIGUSR1 or SIGHUP, after logrotate renamed it), between two lines, so
/// nothing is lost: lines before the reopen end in the renamed file, later ones in the new file.
/// </summary>
internal sealed class AccessLogWriter : IAsyncDisposable
{
    // A marker queued behind the lines already accepted; compared by reference.
    private static readonly string ReopenMarker = new('\n', 1);

    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(65_536)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly bool _ownsOutput;
    private readonly string? _path;
    private readonly Microsoft.Extensions.Logging.ILogger? _logger;
    private readonly Task _pump;
    private TextWriter _output;
    private int _reopenRequested;

    public AccessLogWriter(TextWriter output, bool ownsOutput, string? path = null, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        _output = output;
        _ownsOutput = ownsOutput;
        _path = path;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    public static AccessLogWriter ToFile(string path, Microsoft.Extensions.Logging.ILogger? logger = null) =>
        new(Open(path), ownsOutput: true, path, logger);

    /// <summary>Reopens the file at its path after the lines already written (no effect on standard output).</summary>
    public void Reopen()
    {
        if (_path is null)
        {
            return;
        }

        Volatile.Write(ref _reopenRequested, 1);
        // If the queue is full the marker is dropped; the flag still makes the next line reopen first.
        _lines.Writer.TryWrite(ReopenMarker);
    }

    private static StreamWriter Open(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        return new StreamWriter(stream, new UTF8Encoding(false));
    }

    public long Dropped { get; private set; }

    public void Write(IPAddress client, DateTimeOffset time, string method, string target, string protocol, int status, long bytes, string? referer, string? userAgent)
    {
        var line = Format(client, time, method, target, protocol, status, bytes, referer, userAgent);
        if (!_lines.Writer.TryWrite(line))
        {
            Dropped++;
        }
    }

    public static string Format(IPAddress client, DateTimeOffset time, string method, string target, string protocol, int status, long bytes, string? referer, string? userAgent)
    {
        var local = time.ToString("dd/MMM/yyyy:HH:mm:ss ", CultureInfo.InvariantCulture)
            + (time.Offset < TimeSpan.Zero ? "-" : "+") + time.Offset.ToString("hhmm", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"{client} - - [{local}] \"{Escape(method)} {Escape(target)} {protocol}\" {status} {bytes} \"{Escape(referer ?? "-")}\" \"{Escape(userAgent ?? "-")}\"");
    }

    // nginx escapes '"', '\' and bytes outside printable ASCII as \xHH in logged variables.
    private static string Escape(string value)
    {
        var clean = true;
        foreach (var c in value)
        {
            if (c is '"' or '\\' or < ' ' or > '~')
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 16);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (byte)'"' or (byte)'\\' or < 0x20 or > 0x7e)
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    private async Task PumpAsync()
    {
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (reader.TryRead(out var line))
            {
                var marker = ReferenceEquals(line, ReopenMarker);
                if ((marker || Volatile.Read(ref _reopenRequested) == 1) && Interlocked.Exchange(ref _reopenRequested, 0) == 1)
                {
                    await ReopenNowAsync();
                }

                if (!marker)
                {
                    await _output.WriteLineAsync(line);
                }
            }

            await _output.FlushAsync();
        }
    }

    private async Task ReopenNowAsync()
    {
        await _output.FlushAsync();
        TextWriter fresh;
        try
        {
            fresh = Open(_path!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Keep writing to the old file rather than losing lines.
            if (_logger is not null)
            {
                WebLog.AccessLogReopenFailed(_logger, _path!, e.Message);
            }

            return;
        }

        await _output.DisposeAsync();
        _output = fresh;
        if (_logger is not null)
        {
            WebLog.AccessLogReopened(_logger, _path!);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _pump;
        if (_ownsOutput)
        {
            await _output.DisposeAsync();
        }
    }
}
