using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DumpDist.TestSupport.Browser;

/// <summary>One Chromium tab over the DevTools Protocol: navigate, set the viewport, evaluate script.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private int _nextId;

    private BrowserPage(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<BrowserPage> ConnectAsync(Uri socketUrl, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(socketUrl, cancellationToken);
        return new BrowserPage(socket);
    }

    /// <summary>Desktop (1280 x 800) or a phone (390 x 844, as an iPhone 14).</summary>
    public Task SetViewportAsync(int width, int height, bool mobile, CancellationToken cancellationToken = default) =>
        SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = mobile ? 3 : 1, ["mobile"] = mobile }, cancellationToken);

    /// <summary>Loads <paramref name="url"/> and waits until the document is complete.</summary>
    public async Task NavigateAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync("Page.navigate", new JsonObject { ["url"] = url.ToString() }, cancellationToken);
        if (result["errorText"]?.GetValue<string>() is { Length: > 0 } error)
        {
            throw new InvalidOperationException($"chromium could not load {url}: {error}");
        }

        var loaded = await Eventually.TrueAsync(
            async () => await EvaluateAsync<bool>($"document.readyState === 'complete' && location.href === {JsonSerializer.Serialize(url.ToString())}", cancellationToken),
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(50));
        if (!loaded)
        {
            throw new TimeoutException($"chromium did not finish loading {url}");
        }
    }

    /// <summary>The value of a JavaScript expression in the page.</summary>
    public async Task<T> EvaluateAsync<T>(string expression, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, cancellationToken);
        if (result["exceptionDetails"] is { } exception)
        {
            throw new InvalidOperationException($"script failed: {expression}: {exception.ToJsonString()}");
        }

        return result["result"]!["value"]!.Deserialize<T>()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The browser went first.
        }

        try
        {
            await _reader;
        }
        catch (OperationCanceledException)
        {
        }

        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var answer = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await answer.Task.WaitAsync(timeout.Token);
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, _stop.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                break;
            }

            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            var node = JsonNode.Parse(message.ToArray());
            message.SetLength(0);
            if (node?["id"]?.GetValue<int>() is { } id && _pending.TryRemove(id, out var answer))
            {
                if (node["error"] is { } error)
                {
                    answer.TrySetException(new InvalidOperationException("DevTools: " + error.ToJsonString()));
                }
                else
                {
                    answer.TrySetResult(node["result"] ?? new JsonObject());
                }
            }
        }

        foreach (var pending in _pending.Values)
        {
            pending.TrySetException(new InvalidOperationException("the DevTools connection closed"));
        }
    }
}
