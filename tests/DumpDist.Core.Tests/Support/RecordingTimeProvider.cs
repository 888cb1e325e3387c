using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Core.Tests.Support;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that records each timer's due time, so a test can wait until
/// the code under test is really waiting (and for how long) before it advances the clock.
/// </summary>
internal sealed class RecordingTimeProvider : TimeProvider
{
    private readonly List<TimeSpan> _timers = [];

    public FakeTimeProvider Fake { get; } = new();

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (_timers)
        {
            _timers.Add(dueTime);
        }

        return Fake.CreateTimer(callback, state, dueTime, period);
    }

    /// <summary>How many timers were created with <paramref name="dueTime"/>.</summary>
    public int TimersOf(TimeSpan dueTime)
    {
        lock (_timers)
        {
            return _timers.Count(t => t == dueTime);
        }
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);
}
