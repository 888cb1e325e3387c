using DumpDist.Fixtures.Planning;
using DumpDist.Fixtures.Rendering;

namespace DumpDist.Fixtures.Writing;

/// <summary>Writes one run directory: data files first, then per-file sums, checksum files and status files.</summary>
internal static class RunWriter
{
    public static FixtureRun Write(TreeOutput output, RunPlan run, string? previousDate, List<string> excluded, CancellationToken cancellationToken)
    {
        var dir = $"public/{run.Wiki}/{run.DateText}";
        output.CreateDirectory(dir);
        var written = new Dictionary<string, WrittenFile>(StringComparer.Ordinal);
        var jobs = new List<FixtureJob>(run.Jobs.Count);
        var listed = new List<(string Name, WrittenFile Sums, DateTime Updated)>();
        foreach (var job in run.Jobs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var files = new List<FixtureFile>(job.Files.Count);
            foreach (var file in job.Files)
            {
                var sums = output.WriteData($"{dir}/{file.NameOnDisk}", file.Size, job.Updated);
                var isListed = job.Status == FixtureJobStatus.Done;
                files.Add(new FixtureFile(file.NameOnDisk, sums.Size, sums.Md5, sums.Sha1, file.Partial ? FixtureFileState.Partial : FixtureFileState.Complete, isListed));
                written[file.Name] = sums;
                if (isListed)
                {
                    listed.Add((file.Name, sums, job.Updated));
                }
            }

            jobs.Add(new FixtureJob(job.Name, job.Status, job.Updated, files));
        }

        foreach (var (name, sums, updated) in listed)
        {
            output.WriteText($"{dir}/md5sums-{name}.txt", ChecksumListing.Text([(name, sums.Md5)]), updated);
            output.WriteText($"{dir}/sha1sums-{name}.txt", ChecksumListing.Text([(name, sums.Sha1)]), updated);
        }

        var last = run.LastUpdate;
        var prefix = $"{dir}/{run.Wiki}-{run.DateText}-";
        output.WriteText(prefix + "md5sums.txt", ChecksumListing.Text(listed.Select(l => (l.Name, l.Sums.Md5))), last);
        output.WriteText(prefix + "sha1sums.txt", ChecksumListing.Text(listed.Select(l => (l.Name, l.Sums.Sha1))), last);
        output.WriteBytes(prefix + "md5sums.json", ChecksumListing.Json("md5", listed.Select(l => (l.Name, l.Sums.Md5))), last);
        output.WriteBytes(prefix + "sha1sums.json", ChecksumListing.Json("sha1", listed.Select(l => (l.Name, l.Sums.Sha1))), last);
        output.WriteText($"{dir}/dumpruninfo.txt", DumpRunInfo.Text(run), last);
        output.WriteBytes($"{dir}/dumpruninfo.json", DumpRunInfo.Json(run), last);
        output.WriteBytes($"{dir}/dumpstatus.json", DumpStatusJson.Render(run, written), last);
        output.WriteText($"{dir}/index.html", RunIndexHtml.Render(run, previousDate), last);
        output.WriteText($"{dir}/status.html", StatusHtml.Render(run), last);

        if (run.ExcludedDirectory is { } excludedDir)
        {
            // A dump producer's scratch file: must never be published or synced.
            var scratch = $"{dir}/{excludedDir}";
            output.CreateDirectory(scratch);
            var path = $"{scratch}/{run.Wiki}-{run.DateText}-pages-articles.xml.bz2";
            output.WriteData(path, 1024, last);
            output.StampDirectory(scratch, last);
            excluded.Add(path);
        }

        output.StampDirectory(dir, last);
        var statusFiles = TreePlan.RunStatusFiles
            .Select(f => f.Contains("sums", StringComparison.Ordinal) ? $"{run.Wiki}-{run.DateText}-{f}" : f)
            .Concat(listed.SelectMany(l => new[] { $"md5sums-{l.Name}.txt", $"sha1sums-{l.Name}.txt" }))
            .ToList();
        return new FixtureRun(run.Wiki, run.DateText, run.State, jobs, statusFiles);
    }
}
