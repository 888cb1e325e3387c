using System.Diagnostics;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (for real processes that take a moment).</summary>
internal static class Eventually
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
}
