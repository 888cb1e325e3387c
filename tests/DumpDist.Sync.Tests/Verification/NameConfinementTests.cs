using System.Security.Cryptography;
using DumpDist.Sync.Publishing;
using DumpDist.Sync.State;
using DumpDist.Sync.Tests.Support;
using DumpDist.Sync.Verification;
using DumpDist.TestSupport;

namespace DumpDist.Sync.Tests.Verification;

/// <summary>
/// Names in a run's sums and dumpstatus.json come from the source: planted entries that lead out
/// of the run are reported with the file and line or key they came from, and never opened. The
/// targets outside would fail loudly if they were: a FIFO blocks the reader (the test times out),
/// and a file whose digest the planted line matches would count as good.
/// </summary>
public sealed class NameConfinementTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly string _directory = TestPaths.NewTempDirectory("confine");

    [Fact]
    public async Task VerifyAsync_PlantedNamesAndLinkOutOfTheRun_ReportedNothingOutsideOpened()
    {
        var tree = new TestTree(Path.Combine(_directory, "tree"));
        var files = tree.AddGoodRun("enwiki", "20261101", ("a.gz", 3_000));
        var run = tree.RunDirectory("enwiki", "20261101");
        var (secret, secretSha1, fifo) = await PlantOutsideAsync();
        await File.AppendAllTextAsync(Path.Combine(run, "enwiki-20261101-sha1sums.txt"), string.Join('\n',
            $"{secretSha1}  ../../../../outside/secret.gz",
            $"{secretSha1}  {secret}",
            $"{secretSha1}  {fifo}",
            $"{secretSha1}  ..",
            $"{secretSha1}  x\u0001y",
            $"{secretSha1}  escape.gz",
            $"{secretSha1}  inside.gz") + "\n");
        await File.WriteAllTextAsync(Path.Combine(run, "dumpstatus.json"),
            "{\"jobs\": {\"pages\": {\"status\": \"done\", \"files\": {"
            + "\"enwiki-20261101-a.gz\": {\"size\": 3000}, "
            + $"\"/dev/zero\": {{\"size\": 10, \"sha1\": \"{secretSha1}\"}}, "
            + $"\"{fifo}\": {{\"size\": 10}}}}}}}}, \"version\": \"0.8\"}}");
        File.CreateSymbolicLink(Path.Combine(run, "escape.gz"), "../../../../outside/secret.gz");
        File.CreateSymbolicLink(Path.Combine(run, "inside.gz"), "enwiki-20261101-a.gz");
        var cache = VerificationCache.Open(Path.Combine(_directory, "state"));

        var report = await new FileVerifier(cache, TimeProvider.System).VerifyAsync(VerificationPlanner.ForTree(tree.Root), null, CancellationToken.None).WaitAsync(Limit);

        var sums = Path.Combine(files[0][..files[0].LastIndexOf('/')], "enwiki-20261101-sha1sums.txt");
        var status = Path.Combine(files[0][..files[0].LastIndexOf('/')], "dumpstatus.json");
        Assert.Equal(1, report.Good);
        Assert.Equal(6_000, report.BytesRead); // a.gz, and again through inside.gz
        var refused = report.Problems.Where(p => p.Kind == VerifyProblemKind.RefusedName).ToList();
        Assert.Equal(7, refused.Count);
        Assert.Equal(5, refused.Count(p => p.Path == sums));
        Assert.Contains(refused, p => p.Path == sums && p.Message.StartsWith("line 2: \"../../../../outside/secret.gz\" is not a plain file name of this run (contains a path separator); not opened", StringComparison.Ordinal));
        Assert.Contains(refused, p => p.Path == sums && p.Message.StartsWith($"line 4: \"{fifo}\" is not a plain file name of this run (an absolute path)", StringComparison.Ordinal));
        Assert.Contains(refused, p => p.Path == sums && p.Message.StartsWith("line 6: \"x\\u0001y\"", StringComparison.Ordinal));
        Assert.Contains(refused, p => p.Path == status && p.Message.StartsWith("job \"pages\", a key of \"files\": \"/dev/zero\"", StringComparison.Ordinal));
        var link = Assert.Single(report.Problems, p => p.Kind == VerifyProblemKind.NotConfined);
        Assert.EndsWith("/escape.gz", link.Path);
        // inside.gz links to a file of its own run: followed, but its sum (the secret's) does not match.
        Assert.Single(report.Problems, p => p.Kind == VerifyProblemKind.ChecksumMismatch && p.Path.EndsWith("/inside.gz", StringComparison.Ordinal));
        Assert.Equal(9, report.Problems.Count);
        var info = new FileInfo(secret);
        Assert.False(cache.TryGetSha256(info.FullName, info.Length, VerificationCache.MtimeNanoseconds(info), out _));
    }

    [Fact]
    public async Task RunAsync_SourcePlantsNamesOutOfTheRun_PassFailsNamingThemNothingOutsideOpened()
    {
        await using var harness = await SyncHarness.StartAsync();
        var files = harness.Source.AddGoodRun("enwiki", "20261101", ("pages.xml.bz2", 4_000));
        var (secret, secretSha1, fifo) = await PlantOutsideAsync();
        var sums = Path.GetDirectoryName(files[0]) + "/enwiki-20261101-sha1sums.txt";
        await File.AppendAllTextAsync(harness.Src(sums), $"{secretSha1}  {secret}\n{secretSha1}  {fifo}\n{secretSha1}  ../../../../../../{secret.TrimStart('/')}\n");

        var result = await harness.PassAsync().WaitAsync(Limit);

        Assert.Equal(SyncPassOutcome.VerifyFailed, result.Outcome);
        Assert.All(result.Verification.Problems, p => Assert.Equal((VerifyProblemKind.RefusedName, sums), (p.Kind, p.Path)));
        Assert.Equal(3, result.Verification.Problems.Count);
        Assert.Equal(1, result.Verification.Good);
        Assert.Contains("3 files failed verification", result.Message);
        Assert.Contains("not a plain file name", result.Message);
        Assert.Contains(harness.Logger.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) && e.Message.Contains("not opened", StringComparison.Ordinal));
        var info = new FileInfo(secret);
        Assert.False(VerificationCache.Open(harness.StateDirectory).TryGetSha256(info.FullName, info.Length, VerificationCache.MtimeNanoseconds(info), out _));
        Assert.Empty(new RefetchQueue(SyncStateDatabase.Open(harness.StateDirectory)).List("dumps"));
    }

    /// <summary>Outside any tree: a readable file (its sha1 given to the planted lines) and a FIFO.</summary>
    private async Task<(string Secret, string Sha1, string Fifo)> PlantOutsideAsync()
    {
        var outside = Path.Combine(_directory, "outside");
        Directory.CreateDirectory(outside);
        var secret = Path.Combine(outside, "secret.gz");
        await File.WriteAllTextAsync(secret, "root:x:0:0\n");
        var fifo = Path.Combine(outside, "fifo");
        var made = await ExternalProgram.RunAsync("mkfifo", [fifo]);
        Assert.Equal(0, made.ExitCode);
        return (secret, Convert.ToHexStringLower(SHA1.HashData(await File.ReadAllBytesAsync(secret))), fifo);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
