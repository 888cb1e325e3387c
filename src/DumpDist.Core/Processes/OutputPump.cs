using System.Text;
using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Processes;

/// <summary>Reads one output stream of a child to its end and hands it to what <see cref="ChildOutput"/> asks for.</summary>
internal sealed class OutputPump
{
    private const int FirstLineLimit = 500;
    private readonly ChildOutput _output;
    private readonly string _program;
    private readonly BoundedText? _capture;
    private readonly StringBuilder _partial = new();
    private readonly bool _splitLines;
    private volatile string? _firstLine;
    private int _processId;

    public OutputPump(ChildOutput output, string program)
    {
        _output = output;
        _program = program;
        _capture = output.CaptureLimit > 0 ? new BoundedText(output.CaptureLimit) : null;
        _splitLines = output.OnLine is not null || output.Logger is not null;
    }

    /// <summary>The first line the child wrote (up to 500 characters), whatever the mode: start failures are read from it.</summary>
    public string? FirstLine => _firstLine;

    public string Captured => _capture?.ToString() ?? string.Empty;

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
                if (_splitLines || _firstLine is null)
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

        if (!chunk.IsEmpty && (_splitLines || _partial.Length < FirstLineLimit))
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

        _firstLine ??= line.Length > FirstLineLimit ? line[..FirstLineLimit] : line;
        if (_output.OnLine is { } onLine)
        {
            onLine(line);
        }

        if (_output.Logger is { } logger)
        {
            ProcessLog.OutputLine(logger, _output.LogLevel, _program, _processId, line);
        }
    }
}
