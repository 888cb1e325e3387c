using System.Text.Json;

namespace DumpDist.Fixtures.Tests;

[Collection(GeneratedTreeCollection.Name)]
public sealed class DumpStatusTests(GeneratedTree tree)
{
    private static readonly string[] KnownStatuses = ["waiting", "in-progress", "done", "failed", "skipped"];

    [Fact]
    public void DumpStatus_DoneJobFiles_CarrySumsOfBytesOnDisk()
    {
        var checkedFiles = 0;
        foreach (var run in tree.Manifest.Runs)
        {
            var dir = tree.RunDirectory(run);
            using var status = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "dumpstatus.json")));
            Assert.Equal("0.8", status.RootElement.GetProperty("version").GetString());
            foreach (var job in status.RootElement.GetProperty("jobs").EnumerateObject())
            {
                var jobStatus = job.Value.GetProperty("status").GetString();
                Assert.Contains(jobStatus, KnownStatuses);
                Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$", job.Value.GetProperty("updated").GetString());
                foreach (var file in job.Value.GetProperty("files").EnumerateObject())
                {
                    var path = Path.Combine(dir, file.Name);
                    Assert.True(File.Exists(path), $"{run.RelativePath}: {job.Name} lists {file.Name} but it is not on disk");
                    Assert.Equal(new FileInfo(path).Length, file.Value.GetProperty("size").GetInt64());
                    if (jobStatus == "done")
                    {
                        var (md5, sha1) = TreeFiles.Sums(path);
                        Assert.Equal(md5, file.Value.GetProperty("md5").GetString());
                        Assert.Equal(sha1, file.Value.GetProperty("sha1").GetString());
                        Assert.Equal($"/{run.Wiki}/{run.Date}/{file.Name}", file.Value.GetProperty("url").GetString());
                        checkedFiles++;
                    }
                    else
                    {
                        // url and sums appear only once a job is done.
                        Assert.False(file.Value.TryGetProperty("md5", out _));
                        Assert.False(file.Value.TryGetProperty("sha1", out _));
                        Assert.False(file.Value.TryGetProperty("url", out _));
                    }
                }
            }
        }

        Assert.Equal(tree.Manifest.Runs.Sum(r => r.Files.Count(f => f.Listed)), checkedFiles);
    }

    [Fact]
    public void DumpStatus_Jobs_MatchManifest()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            using var status = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(tree.RunDirectory(run), "dumpstatus.json")));
            var jobs = status.RootElement.GetProperty("jobs").EnumerateObject().Select(j => (j.Name, j.Value.GetProperty("status").GetString()!)).ToList();
            var expected = run.Jobs.Select(j => (j.Name, Rendering.Timestamps.JobStatus(j.Status))).ToList();

            Assert.Equal(expected, jobs);
        }
    }

    [Fact]
    public void InProgressRun_HasInprogFileWithoutFinalFile_AndWaitingJobsWithoutFiles()
    {
        var inProgress = tree.Manifest.Runs.Where(r => r.State == FixtureRunState.InProgress).ToList();
        Assert.Contains(inProgress, r => r.Wiki == "enwiki" && r.Date == "20261120");
        foreach (var run in inProgress)
        {
            var dir = tree.RunDirectory(run);
            var current = Assert.Single(run.Jobs, j => j.Status == FixtureJobStatus.InProgress);
            var partial = Assert.Single(current.Files, f => f.State == FixtureFileState.Partial);
            Assert.EndsWith(".inprog", partial.Name, StringComparison.Ordinal);
            Assert.Equal(partial.Size, new FileInfo(Path.Combine(dir, partial.Name)).Length);
            Assert.False(File.Exists(Path.Combine(dir, partial.Name[..^".inprog".Length])), $"{run.RelativePath}: final file beside {partial.Name}");

            var waiting = run.Jobs.SkipWhile(j => j != current).Skip(1).ToList();
            Assert.NotEmpty(waiting);
            Assert.All(waiting, j => Assert.Equal(FixtureJobStatus.Waiting, j.Status));
            Assert.All(waiting, j => Assert.Empty(j.Files));
            Assert.DoesNotContain(File.ReadAllLines(Path.Combine(dir, $"{run.Wiki}-{run.Date}-md5sums.txt")), l => l.Contains(".inprog", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void FailedRun_HasOneFailedJob_WithNoFinalFiles()
    {
        var failed = tree.Manifest.Runs.Where(r => r.State == FixtureRunState.Failed).ToList();
        Assert.NotEmpty(failed);
        foreach (var run in failed)
        {
            var job = Assert.Single(run.Jobs, j => j.Status == FixtureJobStatus.Failed);
            Assert.All(job.Files, f => Assert.Equal(FixtureFileState.Partial, f.State));
            Assert.All(job.Files, f => Assert.True(File.Exists(Path.Combine(tree.RunDirectory(run), f.Name))));
            Assert.DoesNotContain(run.Jobs, j => j.Status is FixtureJobStatus.Waiting or FixtureJobStatus.InProgress);
        }
    }

    [Fact]
    public void DoneRun_EveryJobDoneOrSkipped_HistorySkippedOnThe20th()
    {
        var done = tree.Manifest.Runs.Where(r => r.State == FixtureRunState.Done).ToList();
        Assert.NotEmpty(done);
        Assert.All(done, r => Assert.All(r.Jobs, j => Assert.Contains(j.Status, new[] { FixtureJobStatus.Done, FixtureJobStatus.Skipped })));
        foreach (var run in done.Where(r => r.Date.EndsWith("20", StringComparison.Ordinal)))
        {
            Assert.Equal(FixtureJobStatus.Skipped, run.Jobs.Single(j => j.Name == "metahistorybz2dump").Status);
        }

        foreach (var run in done.Where(r => r.Date.EndsWith("01", StringComparison.Ordinal)))
        {
            Assert.Equal(FixtureJobStatus.Done, run.Jobs.Single(j => j.Name == "metahistorybz2dump").Status);
        }
    }

    [Fact]
    public void Manifest_EveryFile_IsOnDiskWithItsSizeAndSums()
    {
        foreach (var run in tree.Manifest.Runs)
        {
            foreach (var file in run.Files)
            {
                var path = Path.Combine(tree.RunDirectory(run), file.Name);
                var (md5, sha1) = TreeFiles.Sums(path);
                Assert.Equal(file.Size, new FileInfo(path).Length);
                Assert.Equal(file.Md5, md5);
                Assert.Equal(file.Sha1, sha1);
            }

            foreach (var statusFile in run.StatusFiles)
            {
                Assert.True(File.Exists(Path.Combine(tree.RunDirectory(run), statusFile)), statusFile);
            }
        }

        foreach (var dataset in tree.Manifest.OtherDatasets)
        {
            foreach (var file in dataset.Files)
            {
                var (md5, sha1) = TreeFiles.Sums(Path.Combine(tree.Root, "public", "other", dataset.Name, file.Path));
                Assert.Equal(file.Md5, md5);
                Assert.Equal(file.Sha1, sha1);
            }
        }
    }

    [Fact]
    public void Manifest_Counts_MatchTreeAndPlan()
    {
        var entries = Directory.EnumerateFileSystemEntries(tree.Root, "*", SearchOption.AllDirectories).Select(p => new FileInfo(p)).ToList();
        var links = entries.Count(e => e.LinkTarget is not null);
        var files = entries.Count(e => e.LinkTarget is null && File.Exists(e.FullName));

        Assert.Equal(tree.Manifest.FileCount, files);
        Assert.Equal(tree.Manifest.SymlinkCount, links);
        Assert.Equal(tree.Progress.PlannedFiles, files + links);
        Assert.Equal(tree.Manifest.ByteCount, entries.Where(e => e.LinkTarget is null && File.Exists(e.FullName)).Sum(e => e.Length));
    }
}
