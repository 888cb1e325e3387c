using System.Text.Json;
using DumpDist.Core.Formatting;
using DumpDist.Core.Tree;

namespace DumpDist.Web.Api;

/// <summary>Writes the API's JSON documents (shapes documented in docs/api.md).</summary>
internal static class DumpApiJson
{
    public static void WriteRunSummary(Utf8JsonWriter writer, DumpRun run)
    {
        writer.WriteStartObject();
        WriteRunIdentity(writer, run);
        writer.WriteEndObject();
    }

    public static void WriteRun(Utf8JsonWriter writer, DumpRun run)
    {
        writer.WriteStartObject();
        WriteRunIdentity(writer, run);
        if (run.StatusProblem is { } problem)
        {
            writer.WriteString("problem", problem.Message);
        }

        writer.WriteStartArray("jobs");
        foreach (var job in run.Status?.Jobs ?? [])
        {
            writer.WriteStartObject();
            writer.WriteString("name", job.Name);
            writer.WriteString("status", job.RawStatus);
            if (job.Updated is { } updated)
            {
                writer.WriteString("updated", Rfc3339.Format(updated));
            }

            writer.WriteStartArray("files");
            foreach (var file in job.Files)
            {
                WriteFile(writer, file);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteWiki(Utf8JsonWriter writer, WikiDumps wiki)
    {
        writer.WriteStartObject();
        writer.WriteString("wiki", wiki.Name);
        WriteNullableString(writer, "latest_good_run", wiki.LatestGoodRun?.Date);
        writer.WriteStartArray("runs");
        foreach (var run in wiki.Runs)
        {
            WriteRunSummary(writer, run);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Production's index.json entry: the newest run's status in dumpstatus.json's own shape.</summary>
    public static void WriteIndexEntry(Utf8JsonWriter writer, WikiDumps wiki)
    {
        writer.WriteStartObject(wiki.Name);
        var newest = wiki.NewestRun;
        WriteNullableString(writer, "date", newest?.Date);
        writer.WriteString("state", RunStateNames.Of(newest?.State ?? RunState.Unknown));
        WriteNullableString(writer, "latest_good_run", wiki.LatestGoodRun?.Date);
        writer.WriteStartObject("jobs");
        foreach (var job in newest?.Status?.Jobs ?? [])
        {
            writer.WriteStartObject(job.Name);
            writer.WriteString("status", job.RawStatus);
            if (job.Updated is { } updated)
            {
                writer.WriteString("updated", Rfc3339.Format(updated));
            }

            writer.WriteStartObject("files");
            foreach (var file in job.Files)
            {
                writer.WritePropertyName(file.Name);
                WriteFile(writer, file, includeName: false);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        WriteNullableString(writer, "version", newest?.Status?.Version);
        writer.WriteEndObject();
    }

    private static void WriteRunIdentity(Utf8JsonWriter writer, DumpRun run)
    {
        writer.WriteString("wiki", run.Wiki);
        writer.WriteString("date", run.Date);
        writer.WriteString("state", RunStateNames.Of(run.State));
        writer.WriteBoolean("complete", run.IsGood);
        writer.WriteString("url", $"/{run.Wiki}/{run.Date}/");
    }

    private static void WriteFile(Utf8JsonWriter writer, DumpFileEntry file, bool includeName = true)
    {
        writer.WriteStartObject();
        if (includeName)
        {
            writer.WriteString("name", file.Name);
        }

        if (file.Size is { } size)
        {
            writer.WriteNumber("size", size);
        }

        if (file.Url is not null)
        {
            writer.WriteString("url", file.Url);
        }

        if (file.Md5 is not null)
        {
            writer.WriteString("md5", file.Md5);
        }

        if (file.Sha1 is not null)
        {
            writer.WriteString("sha1", file.Sha1);
        }

        writer.WriteEndObject();
    }

    public static void WriteNullableString(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
