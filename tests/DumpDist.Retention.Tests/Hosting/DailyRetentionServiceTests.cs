using DumpDist.Core.Configuration;
using DumpDist.Core.Configuration.Source;
using DumpDist.Retention.Hosting;
using DumpDist.Retention.Reporting;
using DumpDist.Retention.Tests.Support;
using DumpDist.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace DumpDist.Retention.Tests.Hosting;

/// <summary>The node's daily pass on a fake clock: when it runs, which snapshot it reads, what it tells its handlers and metrics.</summary>
public sealed class DailyRetentionServiceTests : IDisposable
{
    private readonly TreeBuilder _tree = new("daily");
    private readonly string _state = TestPaths.NewTempDirectory("daily-state");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly RecordingListener _listener = new();
    private readonly FixedConfigSource _source;

    public DailyRetentionServiceTests()
    {
        foreach (var month in Enumerable.Range(1, 6))
        {
            _tree.Run("aawiki", $"2026{month:00}01");
        }

        _source = new FixedConfigSource(FixedConfigSource.Config(_tree.Root, _state, new RetentionConfig { DefaultKeep = 4 }));
    }

    [Theory]
    [InlineData("2026-11-30T01:00:00Z", "2026-11-30T04:00:00Z")]
    [InlineData("2026-11-30T04:00:00Z", "2026-12-01T04:00:00Z")]
    [InlineData("2026-11-30T23:59:00Z", "2026-12-01T04:00:00Z")]
    public void NextRun_TimeOfDay_IsTheNextOccurrence(string now, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DailyRetentionService.NextRun(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromHours(4)));

    [Fact]
    public async Task Execute_AtTheTimeOfDay_CleansReadsTheCurrentSnapshotAndRecordsMetrics()
    {
        using var host = BuildHost();
        await host.StartAsync();
        var service = host.Services.GetRequiredService<DailyRetentionService>();
        service.PassCompleted += _ => throw new InvalidOperationException("a broken handler");
        service.PassCompleted += _listener.Record;

        // Capacity is measured at start, before any pass.
        Assert.True(await Eventually.TrueAsync(() => service.NextPass == Due(0), Limit));
        Assert.Contains("dumpdist_capacity_used_bytes{group=\"wikis/default\"}", await MetricsText(), StringComparison.Ordinal);
        Assert.Equal(6, Runs());
        Assert.Null(service.LastReport);

        _time.Advance(TimeSpan.FromHours(3));
        Assert.True(await Eventually.TrueAsync(() => service.NextPass == Due(1), Limit));

        Assert.Equal(4, Runs());
        Assert.Equal(2, Assert.Single(_listener.Reports).Removed);
        var metrics = await MetricsText();
        Assert.Contains("dumpdist_retention_removed_total{kind=\"run\"} 2", metrics, StringComparison.Ordinal);
        Assert.Contains("dumpdist_retention_passes_total{outcome=\"ok\"} 1", metrics, StringComparison.Ordinal);
        Assert.Contains("dumpdist_retention_last_pass_timestamp_seconds 1796011200", metrics, StringComparison.Ordinal);
        Assert.Matches("dumpdist_retention_freed_bytes_total [1-9][0-9]+", metrics);
        Assert.Contains("dumpdist_capacity_volume_full_timestamp_seconds", metrics, StringComparison.Ordinal);

        // An edit of the cluster file applies at the next pass, a day later.
        _source.Current = FixedConfigSource.Config(_tree.Root, _state, new RetentionConfig { DefaultKeep = 2 });
        _time.Advance(TimeSpan.FromDays(1));
        Assert.True(await Eventually.TrueAsync(() => service.NextPass == Due(2), Limit));
        Assert.Equal(2, _listener.Reports.Count);

        Assert.Equal(2, Runs());
        await host.StopAsync();
    }

    [Fact]
    public async Task Execute_UnknownHost_CountsAnErrorAndRemovesNothing()
    {
        using var host = BuildHost("dumps9");
        await host.StartAsync();
        var service = host.Services.GetRequiredService<DailyRetentionService>();
        service.PassCompleted += _listener.Record;
        Assert.True(await Eventually.TrueAsync(() => service.NextPass == Due(0), Limit));

        _time.Advance(TimeSpan.FromHours(3));
        Assert.True(await Eventually.TrueAsync(() => service.NextPass == Due(1), Limit));

        Assert.Contains("dumpdist_retention_passes_total{outcome=\"error\"} 1", await MetricsText(), StringComparison.Ordinal);

        Assert.Equal(6, Runs());
        Assert.Empty(_listener.Reports);
        await host.StopAsync();
    }

    private static TimeSpan Limit => TimeSpan.FromSeconds(60);

    private static DateTimeOffset Due(int days) => new DateTimeOffset(2026, 11, 30, 4, 0, 0, TimeSpan.Zero).AddDays(days);

    public void Dispose()
    {
        _tree.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private int Runs() => Directory.GetDirectories(Path.Combine(_tree.Public, "aawiki")).Length;

    private async Task<string> MetricsText()
    {
        using var stream = new MemoryStream();
        await _registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private IHost BuildHost(string hostName = "dumps1")
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<IClusterConfigSource>(_source);
        builder.Services.AddSingleton(_registry);
        builder.Services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        builder.Services.AddDumpDistRetention(new RetentionHostOptions { HostName = hostName });
        return builder.Build();
    }

    private sealed class RecordingListener
    {
        private readonly List<CleanupReport> _reports = [];

        public IReadOnlyList<CleanupReport> Reports
        {
            get
            {
                lock (_reports)
                {
                    return _reports.ToList();
                }
            }
        }

        public void Record(CleanupReport report)
        {
            lock (_reports)
            {
                _reports.Add(report);
            }
        }
    }
}
