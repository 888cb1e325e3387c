using DumpDist.Sync.Safety;

namespace DumpDist.Sync.Tests.Safety;

public sealed class SyncLockTests
{
    [Fact]
    public async Task TryAcquire_Held_SecondRefusedUntilReleased()
    {
        var state = TestSupport.TestPaths.NewTempDirectory("lock");
        try
        {
            var first = SyncLock.TryAcquire(state, "dumps", out _);
            Assert.NotNull(first);
            
            // .NET itself would take a shared flock to read it; cat does not.
            Assert.Equal($"{Environment.ProcessId}\n", (await TestSupport.ExternalProgram.RunAsync("cat", [first.Path])).StandardOutput);

            Assert.Null(SyncLock.TryAcquire(state, "dumps", out var refusal));
            Assert.Contains("another sync pass of 'dumps'", refusal);
            using (var other = SyncLock.TryAcquire(state, "kiwix", out _))
            {
                Assert.NotNull(other);
            }

            first.Dispose();
            using var again = SyncLock.TryAcquire(state, "dumps", out _);
            Assert.NotNull(again);
            Assert.Null(again.StalePid);
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }
}
