using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DumpDist.Mirrors.Tests.Support;

/// <summary>A loopback HTTP/1.1 server answering every GET with one fixed status and body: a mirror's web server.</summary>
internal sealed class TinyHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TinyHttpServer(int status, string body)
        : this(status, Encoding.UTF8.GetBytes(body))
    {
    }

    /// <summary>Serves <paramref name="body"/> for every path, honouring a single "Range: bytes=A-B".</summary>
    public TinyHttpServer(int status, byte[] body)
    {
        _listener.Start();
        _loop = ServeAsync(status, body);
    }

    /// <summary>Requests answered.</summary>
    public int Requests { get; private set; }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/dumps/");

    /// <summary>A URL where nothing listens.</summary>
    public static Uri DeadUrl()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/dumps/");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync(int status, byte[] body)
    {
        while (!_stop.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await using var stream = client.GetStream();
            var buffer = new byte[4096];
            var read = 0;
            while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal) && read < buffer.Length)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), _stop.Token);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            var request = Encoding.ASCII.GetString(buffer, 0, read);
            var content = body;
            var code = status;
            var extra = string.Empty;
            var range = System.Text.RegularExpressions.Regex.Match(request, @"\r\nRange: bytes=(\d+)-(\d*)", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            if (status == 200 && range.Success)
            {
                var from = long.Parse(range.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                var to = range.Groups[2].Value.Length > 0 ? Math.Min(long.Parse(range.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), body.Length - 1) : body.Length - 1;
                content = body[(int)from..((int)to + 1)];
                code = 206;
                extra = $"Content-Range: bytes {from}-{to}/{body.Length}\r\n";
            }

            Requests++;
            var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {code} X\r\nContent-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\n{extra}Content-Length: {content.Length}\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(head, _stop.Token);
            await stream.WriteAsync(content, _stop.Token);
        }
    }
}
