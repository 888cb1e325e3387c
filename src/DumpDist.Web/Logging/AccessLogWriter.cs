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
/// are dropped and counted rather than slowing downloads.
/// </summary>
internal sealed class AccessLogWriter : IAsyncDisposable
{
    private readonly Channel<string> _lines = Channel.CreateBounded<string>(new BoundedChannelOptions(65_536)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private readonly TextWriter _output;
    private readonly bool _ownsOutput;
    private readonly Task _pump;

    public AccessLogWriter(TextWriter output, bool ownsOutput)
    {
        _output = output;
        _ownsOutput = ownsOutput;
        _pump = Task.Run(PumpAsync);
    }

    public static AccessLogWriter ToFile(string path)
    {
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        return new AccessLogWriter(new StreamWriter(stream, new UTF8Encoding(false)), ownsOutput: true);
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
                await _output.WriteLineAsync(line);
            }

            await _output.FlushAsync();
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
