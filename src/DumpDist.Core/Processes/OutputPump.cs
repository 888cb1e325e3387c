using System.Text;
using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Processes;

/// <summary>Reads one output stream of a child to its end and hands it to what <see cref="ChildOutput"/> asks for.</summary>
internal sealed class OutputPump
{
    private readonly ChildOutput _output;
    private readonly string _program;
    private readonly BoundedText? _capture;
    private readonly StringBuilder _partial = new();
    private readonly Action<Exception> _onHandlerFailed;
    private readonly bool _splitLines;
    private volatile Exception? _handlerFailure;
    private int _processId;

    public OutputPump(ChildOutput output, string program, Action<Exception> onHandlerFailed)
    {
        _output = output;
        _program = program;
        _onHandlerFailed = onHandlerFailed;
        _capture = output.CaptureLimit > 0 ? new BoundedText(output.CaptureLimit) : null;
        _splitLines = output.OnLine is not null || output.Logger is not null;
    }

    public string Captured => _capture?.ToString() ?? string.Empty;

    /// <summary>What the line callback or logger threw; after that the stream is only drained.</summary>
    public Exception? HandlerFailure => _handlerFailure;

    public Task RunAsync(StreamReader reader, int processId)
    {
        _processId = processId;
        return PumpAsync(reader);
    }

    private async Task PumpAsync(StreamReader reader)
    {
        var buffer = new char[8192];
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory(), CancellationToken.None)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                _capture?.Append(chunk);
                if (_splitLines)
                {
                    Split(chunk);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // The pipe was closed under us: the run is over.
        }

        if (_partial.Length > 0)
        {
            Line(_partial.ToString());
            _partial.Clear();
        }
    }

    private void Split(ReadOnlySpan<char> chunk)
    {
        int newline;
        while ((newline = chunk.IndexOf('\n')) >= 0)
        {
            var piece = chunk[..newline];
            if (_partial.Length > 0)
            {
                _partial.Append(piece);
                Line(_partial.ToString());
                _partial.Clear();
            }
            else
            {
                Line(piece.ToString());
            }

            chunk = chunk[(newline + 1)..];
        }

        if (!chunk.IsEmpty)
        {
            _partial.Append(chunk);
        }
    }

    private void Line(string line)
    {
        if (line.EndsWith('\r'))
        {
            line = line[..^1];
        }

        if (_handlerFailure is not null)
        {
            return;
        }

        try
        {
            _output.OnLine?.Invoke(line);
            if (_output.Logger is { } logger)
            {
                ProcessLog.OutputLine(logger, _output.LogLevel, _program, _processId, line);
            }
        }
        catch (Exception ex)
        {
            // Keep draining (a child blocked on a full pipe would never exit); the owner stops it.
            _handlerFailure = ex;
            _onHandlerFailed(ex);
        }
    }
}
