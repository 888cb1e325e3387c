using System.Globalization;
using System.Text.Json;

namespace DumpDist.Core.Tree;

/// <summary>
/// Reads dumpstatus.json (format version "0.8"). Unknown fields are ignored; a missing,
/// malformed or truncated file is a <see cref="TreeProblem"/>, never an exception.
/// </summary>
public static class DumpStatusReader
{
    /// <summary>The file name of a run's status document.</summary>
    public const string FileName = "dumpstatus.json";

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, MaxDepth = 16 };

    /// <summary>Reads and parses the status file at <paramref name="path"/>.</summary>
    public static ReadResult<DumpStatus> Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<DumpStatus>.Fail(path, $"cannot read: {e.Message}");
        }

        return Parse(path, bytes);
    }

    /// <summary>Parses status JSON; <paramref name="path"/> only names the source in problems.</summary>
    public static ReadResult<DumpStatus> Parse(string path, ReadOnlySpan<byte> json)
    {
        if (json.IsEmpty)
        {
            return ReadResult<DumpStatus>.Fail(path, "empty file");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, byte {e.BytePositionInLine + 1}" : string.Empty;
            return ReadResult<DumpStatus>.Fail(path, $"malformed JSON{where}: {FirstSentence(e.Message)}");
        }

        using (document)
        {
            return Bind(path, document.RootElement);
        }
    }

    private static ReadResult<DumpStatus> Bind(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ReadResult<DumpStatus>.Fail(path, "top level is not a JSON object");
        }

        var version = root.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (!root.TryGetProperty("jobs", out var jobsElement) || jobsElement.ValueKind != JsonValueKind.Object)
        {
            return ReadResult<DumpStatus>.Fail(path, "missing \"jobs\" object");
        }

        var jobs = new List<DumpJob>();
        foreach (var job in jobsElement.EnumerateObject())
        {
            if (job.Value.ValueKind != JsonValueKind.Object)
            {
                return ReadResult<DumpStatus>.Fail(path, $"job \"{job.Name}\" is not an object");
            }

            var raw = job.Value.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? string.Empty : string.Empty;
            var files = job.Value.TryGetProperty("files", out var f) && f.ValueKind == JsonValueKind.Object
                ? f.EnumerateObject().Select(BindFile).ToList()
                : [];
            jobs.Add(new DumpJob(job.Name, JobStates.Parse(raw), raw, ParseUpdated(job.Value), files));
        }

        return ReadResult<DumpStatus>.Ok(new DumpStatus(version, jobs));
    }

    private static DumpFileEntry BindFile(JsonProperty file)
    {
        var value = file.Value;
        long? size = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("size", out var sz) && sz.TryGetInt64(out var n) ? n : null;
        return new DumpFileEntry(file.Name, size, StringOrNull(value, "url"), StringOrNull(value, "md5"), StringOrNull(value, "sha1"));
    }

    private static string? StringOrNull(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String
            ? p.GetString()
            : null;

    private static DateTimeOffset? ParseUpdated(JsonElement job) =>
        StringOrNull(job, "updated") is { } text
        && DateTime.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when)
            ? new DateTimeOffset(when, TimeSpan.Zero)
            : null;

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message.TrimEnd('.');
    }
}
