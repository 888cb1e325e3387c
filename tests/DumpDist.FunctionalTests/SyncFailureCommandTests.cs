using DumpDist.TestSupport;
using DumpDist.TestSupport.SyncFailures;

namespace DumpDist.FunctionalTests;

/// <summary>
/// `dumpdist sync --config FILE --host NAME --once` when the pass fails for a rsync reason, made to
/// happen for real (<see cref="SyncFailureLab"/>): exit 1 with a message naming the stage and the
/// cause, the pass recorded in sync.db, nothing new published.
/// </summary>
public sealed class SyncFailureCommandTests
{
    public static TheoryScenarios Scenarios => SyncFailureLab.Scenarios;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task SyncOnce_RsyncFails_ExitsOneNamingCauseRecordedNothingPublished(string scenario)
    {
        await using var lab = await SyncFailureLab.StartAsync(scenario);
        var config = Path.Combine(Path.GetDirectoryName(lab.StateDirectory)!, "cluster.yaml");
        await WriteConfigAsync(config, lab, lab.ModuleUrl, mirrorExact: false, maxDelete: 0);
        var good = await RunSyncAsync(config, null);
        Assert.True(good.ExitCode == 0, good.StandardError);
        var before = lab.Snapshot();
        var fault = await lab.ArrangeAsync();
        await WriteConfigAsync(config, lab, fault.ModuleUrl, fault.MirrorExact, fault.MaxDelete);

        var result = await RunSyncAsync(config, Path.GetDirectoryName(fault.RsyncPath));

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}: {result.StandardError}");
        Assert.Contains($"dumpdist sync dumps: rsync-failed: stage {fault.Stage}: rsync exited ", result.StandardError);
        Assert.Contains(fault.Cause, result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
        var recorded = lab.LastPass();
        Assert.NotNull(recorded);
        Assert.Equal("rsync-failed", recorded.Value.Outcome);
        Assert.Contains(fault.Cause, recorded.Value.Message);
        Assert.Equal(2, lab.PassCount());
        lab.AssertNothingNewPublished(before);
    }

    /// <summary>The config form; <paramref name="rsyncDirectory"/> goes first on PATH (the lab's rsync wrapper).</summary>
    private static Task<ProcessResult> RunSyncAsync(string config, string? rsyncDirectory) =>
        ExternalProgram.RunAsync(
            "dotnet",
            [DumpDistProcess.DllPath, "sync", "--config", config, "--host", "dumps1", "--once"],
            timeout: TimeSpan.FromMinutes(3),
            environment: rsyncDirectory is null ? null : new Dictionary<string, string> { ["PATH"] = rsyncDirectory + ":" + Environment.GetEnvironmentVariable("PATH") });

    private static Task WriteConfigAsync(string path, SyncFailureLab lab, string moduleUrl, bool mirrorExact, int maxDelete) =>
        File.WriteAllTextAsync(path, $"""
            source:
              url: {moduleUrl}
              bwlimit: 0
              contimeout: 10s
            datasets:
              - name: dumps
                path: public
            {(mirrorExact ? $"    delete: mirror-exact\n    max_delete: {maxDelete}\n" : string.Empty)}
            hosts:
              - name: dumps1
                public_address: 127.0.0.1
                admin_address: 127.0.0.1:9100
                root: {lab.Root}
                state_dir: {lab.StateDirectory}
            services:
              web: {"{"} active: dumps1 {"}"}

            """);
}
