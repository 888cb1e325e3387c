using System.Diagnostics;

namespace DumpDist.TestSupport;

/// <summary>Polls a condition until it holds or a deadline passes (for real processes that take a moment); the deadline is a wide bound, never the assertion.</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan limit, TimeSpan? interval = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(50));
        }

        return await condition();
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan limit, TimeSpan? interval = null) =>
        TrueAsync(() => Task.FromResult(condition()), limit, interval);
}
