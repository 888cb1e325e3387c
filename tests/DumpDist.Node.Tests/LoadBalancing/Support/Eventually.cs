using System.Diagnostics;

namespace DumpDist.Node.Tests.LoadBalancing.Support;

/// <summary>Polls a condition until it holds or a deadline passes; returns how long it took (null: never).</summary>
internal static class Eventually
{
    public static async Task<TimeSpan?> WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > limit)
            {
                return null;
            }

            await Task.Delay(50);
        }
    }
}
