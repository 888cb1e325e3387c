using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using DumpDist.TestSupport;

namespace DumpDist.FunctionalTests.Node;

/// <summary>
/// SIGTERM with slow downloads in flight and <c>services.web.stop_timeout: 8s</c>, the node run as
/// under its systemd unit: the stop is not cut at System.CommandLine's 2 s. A client still reading
/// finishes with every byte; a client that stopped reading holds the node until the stop timeout,
/// then is cut and the node exits 0.
/// </summary>
public sealed class NodeStopTimeoutTests : IAsyncLifetime
{
    private const int FileLength = 64 * 1024 * 1024; // far beyond what loopback socket buffers hold
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(8);
    private readonly string _dir = TestPaths.NewTempDirectory("node-stop-timeout");
    private TwoNodeCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await TwoNodeCluster.CreateAsync(_dir, stopTimeout: "8s");

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Node_SigtermWithSlowDownloads_HeldPastTwoSecondsReaderCompletesStalledCutAtStopTimeout()
    {
        var c = _cluster;
        c.ServiceManager = NodeProcess.ServiceManager(_dir);
        var node = await c.StartAsync("a");
        var body = RandomNumberGenerator.GetBytes(FileLength);
        var published = Path.Combine(_dir, "a", "root", "public");
        Directory.CreateDirectory(published);
        await File.WriteAllBytesAsync(Path.Combine(published, "big.bin"), body);

        using var reader = await SlowDownload.StartAsync(c.WebPort);
        using var stalled = await SlowDownload.StartAsync(c.WebPort);
        Assert.True(reader.ContentLength == FileLength, reader.Headers);
        Assert.True(stalled.ContentLength == FileLength, stalled.Headers);

        var sinceSigterm = Stopwatch.StartNew();
        var exit = node.TerminateAsync(TimeSpan.FromSeconds(90));

        // A few KiB at a time, well past the 2 s a System.CommandLine timeout would allow.
        long receivedLate = 0;
        while (sinceSigterm.Elapsed < TimeSpan.FromSeconds(4))
        {
            var read = await reader.ReadAsync(4096);
            Assert.True(read > 0, $"the download ended after {sinceSigterm.Elapsed.TotalSeconds:F1} s with {reader.BodyBytes} of {FileLength} bytes\n{node.Output}");
            if (sinceSigterm.Elapsed > TimeSpan.FromSeconds(2.5))
            {
                receivedLate += read;
            }

            await Task.Delay(5);
        }

        var aliveAfterFourSeconds = !node.HasExited;
        var received = await reader.ReadToEndAsync();
        var exitCode = await exit;
        var exitedAfter = sinceSigterm.Elapsed;
        var stalledTotal = await stalled.ReadToEndAsync();

        Assert.True(aliveAfterFourSeconds, "the node exited within 4 s of SIGTERM\n" + node.Output);
        Assert.True(receivedLate > 0, "nothing arrived between 2.5 s and 4 s after SIGTERM");
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(received));
        Assert.True(exitCode == 0, $"exit {exitCode?.ToString() ?? "none within 90 s"}\n{node.Output}");
        Assert.True(exitedAfter < StopTimeout + TimeSpan.FromSeconds(25), $"the node took {exitedAfter.TotalSeconds:F1} s to exit with stop_timeout 8 s");
        Assert.True(stalledTotal.Length < FileLength, "the stalled download was not cut at the stop timeout");
    }

    /// <summary>A raw HTTP/1.1 GET of /big.bin with a small receive buffer, read only when the test asks.</summary>
    private sealed class SlowDownload : IDisposable
    {
        private readonly Socket _socket;
        private readonly MemoryStream _body = new();
        private readonly byte[] _buffer = new byte[64 * 1024];

        private SlowDownload(Socket socket) => _socket = socket;

        public string Headers { get; private set; } = string.Empty;

        public long ContentLength { get; private set; } = -1;

        public long BodyBytes => _body.Length;

        public static async Task<SlowDownload> StartAsync(int port)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 16 * 1024 };
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(TwoNodeCluster.AddressOf("a")), port));
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET /big.bin HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"));
            var download = new SlowDownload(socket);
            await download.ReadHeadersAsync();
            return download;
        }

        /// <summary>One receive of at most <paramref name="count"/> bytes; 0 at the end of the stream or when the server cut it.</summary>
        public async Task<int> ReadAsync(int count)
        {
            int read;
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                read = await _socket.ReceiveAsync(_buffer.AsMemory(0, count), SocketFlags.None, limit.Token);
            }
            catch (SocketException)
            {
                return 0;
            }

            _body.Write(_buffer, 0, read);
            return read;
        }

        public async Task<byte[]> ReadToEndAsync()
        {
            while (_body.Length < ContentLength && await ReadAsync(_buffer.Length) > 0)
            {
            }

            return _body.ToArray();
        }

        public void Dispose() => _socket.Dispose();

        private async Task ReadHeadersAsync()
        {
            var head = new MemoryStream();
            while (true)
            {
                var read = await _socket.ReceiveAsync(_buffer.AsMemory(0, 1), SocketFlags.None);
                if (read == 0)
                {
                    break;
                }

                head.WriteByte(_buffer[0]);
                if (head.Length >= 4 && head.GetBuffer().AsSpan((int)head.Length - 4, 4).SequenceEqual("\r\n\r\n"u8))
                {
                    break;
                }
            }

            Headers = Encoding.ASCII.GetString(head.ToArray());
            var line = Headers.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            ContentLength = line is null ? -1 : long.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
