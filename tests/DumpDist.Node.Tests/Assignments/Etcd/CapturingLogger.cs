using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Tests.Assignments.Etcd;

/// <summary>Keeps every entry with its event id and structured values, and tells listeners as they come.</summary>
internal sealed class CapturingLogger<T> : ILogger<T>
{
    public ConcurrentQueue<CapturedLogEntry> Entries { get; } = new();

    public event Action<CapturedLogEntry>? Logged;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
        var entry = new CapturedLogEntry(logLevel, eventId.Id, formatter(state, exception), values.ToDictionary(pair => pair.Key, pair => pair.Value));
        Entries.Enqueue(entry);
        Logged?.Invoke(entry);
    }

    public int Count(int eventId) => Entries.Count(entry => entry.EventId == eventId);
}
