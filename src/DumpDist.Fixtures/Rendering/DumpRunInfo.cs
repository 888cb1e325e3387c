using System.Text;
using System.Text.Json;
using DumpDist.Fixtures.Planning;

namespace DumpDist.Fixtures.Rendering;

/// <summary>dumpruninfo.txt (<c>name:JOB; status:S; updated:T</c> lines) and its json twin.</summary>
internal static class DumpRunInfo
{
    public static string Text(RunPlan run)
    {
        var text = new StringBuilder();
        foreach (var job in run.Jobs)
        {
            text.Append("name:").Append(job.Name)
                .Append("; status:").Append(Timestamps.JobStatus(job.Status))
                .Append("; updated:").Append(Timestamps.Status(job.Updated)).Append('\n');
        }

        return text.ToString();
    }

    public static byte[] Json(RunPlan run)
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
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
