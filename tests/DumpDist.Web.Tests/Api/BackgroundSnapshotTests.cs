using DumpDist.Web.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DumpDist.Web.Tests.Api;

public sealed class BackgroundSnapshotTests : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-20T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly ControllableTree _tree = new();

    public void Dispose() => _tree.Dispose();

    [Fact]
    public async Task GetAsync_StaleWhileRebuilding_ServesPreviousWithoutWaiting()
    {
        var cache = Create();
        cache.Start();
        await cache.WhenIdleAsync().WaitAsync(Bound);
        _tree.Next = "v2";
        _tree.Hold();

        _time.Advance(Lifetime + TimeSpan.FromSeconds(1));
        var duringRebuild = await cache.GetAsync(CancellationToken.None).WaitAsync(Bound);
        await _tree.Entered.WaitAsync(Bound);
        var stillDuringRebuild = await cache.GetAsync(CancellationToken.None).WaitAsync(Bound);
        _tree.Release();
        await cache.WhenIdleAsync().WaitAsync(Bound);
        var after = await cache.GetAsync(CancellationToken.None);

        Assert.Equal("v1", duringRebuild);
        Assert.Equal("v1", stillDuringRebuild);
        Assert.Equal("v2", after);
        Assert.Equal(2, cache.Builds);
    }

    [Fact]
    public async Task GetAsync_YoungerThanLifetime_NoRebuild()
    {
        var cache = Create();
        cache.Start();
        await cache.WhenIdleAsync().WaitAsync(Bound);

        _time.Advance(Lifetime - TimeSpan.FromSeconds(1));
        var value = await cache.GetAsync(CancellationToken.None);
        await cache.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal("v1", value);
        Assert.Equal(1, _tree.Reads);
    }

    [Fact]
    public async Task GetAsync_BeforeFirstSnapshot_WaitsAtMostFirstWaitThenNull()
    {
        _tree.Hold();
        var cache = Create();
        cache.Start();
        await _tree.Entered.WaitAsync(Bound);

        var waiting = cache.GetAsync(CancellationToken.None);
        var completedEarly = waiting.IsCompleted;
        _time.Advance(FirstWait);
        var answer = await waiting.WaitAsync(Bound);
        _tree.Release();
        await cache.WhenIdleAsync().WaitAsync(Bound);

        Assert.False(completedEarly);
        Assert.Null(answer);
        Assert.Equal("v1", await cache.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TreeChanged_DuringBuild_BuildsOnceMoreAfterIt()
    {
        _tree.Hold();
        var cache = Create();
        cache.Start();
        await _tree.Entered.WaitAsync(Bound);

        cache.TreeChanged();
        cache.TreeChanged();
        _tree.Next = "v2";
        _tree.Release();
        await cache.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal(2, cache.Builds);
        Assert.Equal("v2", await cache.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Rebuild_Fails_PreviousKeepsServing()
    {
        var cache = Create();
        cache.Start();
        await cache.WhenIdleAsync().WaitAsync(Bound);
        _tree.Failure = new IOException("public/ is gone");

        cache.TreeChanged();
        await cache.WhenIdleAsync().WaitAsync(Bound);

        Assert.Equal(2, _tree.Reads);
        Assert.Equal(1, cache.Builds);
        Assert.Equal("v1", await cache.GetAsync(CancellationToken.None));
    }

    private BackgroundSnapshot<string> Create() => new(_tree.Read, Lifetime, FirstWait, _time, NullLogger.Instance);

    /// <summary>A stand-in for the tree: each read returns <see cref="Next"/>, and can be held until released.</summary>
    private sealed class ControllableTree : IDisposable
    {
        private readonly ManualResetEventSlim _open = new(true);
        private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Next { get; set; } = "v1";

        public Exception? Failure { get; set; }

        public int Reads { get; private set; }

        /// <summary>Completes when a held read has started.</summary>
        public Task Entered => _entered.Task;

        public void Hold()
        {
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _open.Reset();
        }

        public void Release() => _open.Set();

        public string Read(CancellationToken cancellationToken)
        {
            Reads++;
            _entered.TrySetResult();
            _open.Wait(cancellationToken);
            return Failure is { } failure ? throw failure : Next;
        }

        public void Dispose() => _open.Dispose();
    }
}
