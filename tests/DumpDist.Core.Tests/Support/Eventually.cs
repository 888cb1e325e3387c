using System.Diagnostics;

namespace DumpDist.Core.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes (for real processes that take a moment).</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, TimeSpan? limit = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (limit ?? TimeSpan.FromSeconds(10)))
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(20);
        }

        return condition();
    }
}
