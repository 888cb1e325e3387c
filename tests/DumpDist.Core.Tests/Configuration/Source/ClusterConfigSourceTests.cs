using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.TestSupport;
using Microsoft.Extensions.Logging;

namespace DumpDist.Core.Tests.Configuration.Source;

public sealed class ClusterConfigSourceTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("config-source");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf => System.IO.Path.Combine(_dir, "cluster.yaml");

    [Fact]
    public void ReloadIfChanged_ValidEdit_SubscribersGetOldAndNew_BadEditKeepsSnapshotAndLogsPosition()
    {
        Write("web-a");
        var logger = new ListLogger();
        var source = ClusterConfigSource.Open(PathOf, logger, out var errors)!;
        var seen = new List<(string Before, string After)>();
        using var subscription = source.Subscribe((before, after) => seen.Add((before.Services.Web!.Active, after.Services.Web!.Active)));

        var unchanged = source.ReloadIfChanged();
        Write("web-b", bump: 5);
        var applied = source.ReloadIfChanged();
        File.WriteAllText(PathOf, File.ReadAllText(PathOf).Replace("interval: 10m", "interval: ten minutes", StringComparison.Ordinal));
        File.SetLastWriteTimeUtc(PathOf, DateTime.UtcNow.AddSeconds(10));
        var broken = source.ReloadIfChanged();

        Assert.Empty(errors);
        Assert.False(unchanged);
        Assert.True(applied);
        Assert.False(broken);
        Assert.Equal([("a", "b")], seen);
        Assert.Equal("b", source.Current.Services.Web!.Active);
        Assert.Equal(2, source.Generation);
        Assert.Contains(logger.Lines, l => l.StartsWith(PathOf + ":", StringComparison.Ordinal) && l.Contains("interval", StringComparison.Ordinal));
        Assert.Contains(logger.Lines, l => l.Contains("running configuration stays in force", StringComparison.Ordinal));
    }

    [Fact]
    public void ReloadIfChanged_OneSubscriberThrows_OthersStillCalled()
    {
        Write("web-a");
        var source = ClusterConfigSource.Open(PathOf, new ListLogger(), out _)!;
        var called = 0;
        using var failing = source.Subscribe((_, _) => throw new InvalidOperationException("boom"));
        using var working = source.Subscribe((_, _) => called++);

        Write("web-b", bump: 5);
        source.ReloadIfChanged();

        Assert.Equal(1, called);
    }

    [Fact]
    public void Open_BadFile_NoSourceAndEveryErrorPositioned()
    {
        File.WriteAllText(PathOf, "hosts: [\n");

        var source = ClusterConfigSource.Open(PathOf, new ListLogger(), out var errors);

        Assert.Null(source);
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.Equal(PathOf, e.File));
    }

    private void Write(string variant, int bump = 0)
    {
        var active = variant == "web-a" ? "a" : "b";
        File.WriteAllText(PathOf, $"""
            source:
              url: rsync://gen.example.org/dumps/
              schedule:
                interval: 10m
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
              - name: a
                public_address: 192.0.2.1
                admin_address: 127.0.0.1:9100
                root: /srv/a
              - name: b
                public_address: 192.0.2.2
                admin_address: 127.0.0.1:9101
                root: /srv/b
            services:
              web:
                active: {active}
            """);
        File.SetLastWriteTimeUtc(PathOf, DateTime.UtcNow.AddSeconds(bump));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));
    }
}
