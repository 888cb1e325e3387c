using System.Text.Json;
using DumpDist.Fixtures.Planning;
using DumpDist.Fixtures.Writing;

namespace DumpDist.Fixtures.Rendering;

/// <summary>
/// dumpstatus.json version 0.8: every job with status and updated; files of done jobs with size, url,
/// md5 and sha1; finished parts of an in-progress job with their size only.
/// </summary>
internal static class DumpStatusJson
{
    public static byte[] Render(RunPlan run, IReadOnlyDictionary<string, WrittenFile> written)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("jobs");
            foreach (var job in run.Jobs)
            {
                json.WriteStartObject(job.Name);
                json.WriteString("status", Timestamps.JobStatus(job.Status));
                json.WriteString("updated", Timestamps.Status(job.Updated));
                json.WriteStartObject("files");
                foreach (var file in job.Files.Where(f => !f.Partial && job.Status is FixtureJobStatus.Done or FixtureJobStatus.InProgress))
                {
                    json.WriteStartObject(file.Name);
                    json.WriteNumber("size", file.Size);
                    if (job.Status == FixtureJobStatus.Done)
                    {
                        var sums = written[file.Name];
                        json.WriteString("url", $"/{run.Wiki}/{run.DateText}/{file.Name}");
                        json.WriteString("md5", sums.Md5);
                        json.WriteString("sha1", sums.Sha1);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteString("version", "0.8");
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
