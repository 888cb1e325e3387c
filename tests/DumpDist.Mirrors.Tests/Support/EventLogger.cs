using Microsoft.Extensions.Logging;

namespace DumpDist.Mirrors.Tests.Support;

/// <summary>A logger that completes <see cref="Logged"/> when an event with the given id is logged: a test waits on it instead of sleeping.</summary>
internal sealed class EventLogger(int expected) : ILogger
{
    private readonly TaskCompletionSource _logged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Logged => _logged.Task;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == expected)
        {
            _logged.TrySetResult();
        }
    }
}
