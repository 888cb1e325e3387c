using System.Text.Json;

namespace DumpDist.Core.Tree;

/// <summary>
/// Reads md5sums/sha1sums files: the coreutils text form (<c>HEX  NAME</c>, one per line, as
/// <c>sha1sum -c</c> reads it) and production's JSON twin (<c>{"sha1": {"files": {"NAME": "HEX"}}}</c>, also
/// read without the <c>files</c> level).
/// </summary>
public static class ChecksumFile
{
    /// <summary>The run-wide checksum file name, e.g. <c>enwiki-20261101-sha1sums.txt</c>.</summary>
    public static string RunFileName(string wiki, string date, ChecksumAlgorithm algorithm, bool json = false) =>
        $"{wiki}-{date}-{(algorithm == ChecksumAlgorithm.Md5 ? "md5" : "sha1")}sums.{(json ? "json" : "txt")}";

    /// <summary>The algorithm a checksum file name implies, or null when it is not a checksum file.</summary>
    public static ChecksumAlgorithm? AlgorithmOf(string fileName) =>
        fileName.Contains("sha1sums", StringComparison.Ordinal) ? ChecksumAlgorithm.Sha1
        : fileName.Contains("md5sums", StringComparison.Ordinal) ? ChecksumAlgorithm.Md5
        : null;

    /// <summary>Reads a checksum file; malformed content is a problem naming the line.</summary>
    public static ReadResult<ChecksumSet> Read(string path)
    {
        if (AlgorithmOf(Path.GetFileName(path)) is not { } algorithm)
        {
            return ReadResult<ChecksumSet>.Fail(path, "not a checksum file name (expects md5sums or sha1sums)");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ReadResult<ChecksumSet>.Fail(path, $"cannot read: {e.Message}");
        }

        return path.EndsWith(".json", StringComparison.Ordinal)
            ? ParseJson(path, algorithm, text)
            : ParseText(path, algorithm, text);
    }

    /// <summary>Parses the coreutils text form.</summary>
    public static ReadResult<ChecksumSet> ParseText(string path, ChecksumAlgorithm algorithm, string text)
    {
        var digits = DigitsOf(algorithm);
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        var refused = new List<TreeProblem>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            // "HEX  NAME" (text mode) or "HEX *NAME" (binary mode).
            if (line.Length < digits + 3 || line[digits] != ' ' || (line[digits + 1] != ' ' && line[digits + 1] != '*') || !IsHex(line.AsSpan(0, digits)))
            {
                return ReadResult<ChecksumSet>.Fail(path, $"line {lineNumber}: expected {digits} hex digits, two spaces and a file name");
            }

            var name = line[(digits + 2)..];
            if (PlainFileName.Problem(name) is { } problem)
            {
                refused.Add(new TreeProblem(path, PlainFileName.Refusal($"line {lineNumber}", name, problem)));
                continue;
            }

            sums[name] = line[..digits].ToLowerInvariant();
        }

        return ReadResult<ChecksumSet>.Ok(new ChecksumSet(algorithm, sums) { Refused = refused });
    }

    /// <summary>Parses the JSON twin.</summary>
    public static ReadResult<ChecksumSet> ParseJson(string path, ChecksumAlgorithm algorithm, string json)
    {
        var key = algorithm == ChecksumAlgorithm.Md5 ? "md5" : "sha1";
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty(key, out var map)
                || map.ValueKind != JsonValueKind.Object)
            {
                return ReadResult<ChecksumSet>.Fail(path, $"expected an object with a \"{key}\" object");
            }

            // Production's checksummer nests the names one level deeper: {"sha1": {"files": {NAME: HEX}}}.
            if (map.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Object)
            {
                map = files;
            }

            var sums = new Dictionary<string, string>(StringComparer.Ordinal);
            var refused = new List<TreeProblem>();
            foreach (var entry in map.EnumerateObject())
            {
                var hex = entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString() : null;
                if (hex is null || hex.Length != DigitsOf(algorithm) || !IsHex(hex))
                {
                    return ReadResult<ChecksumSet>.Fail(path, $"\"{entry.Name}\": not a {key} digest");
                }

                if (PlainFileName.Problem(entry.Name) is { } problem)
                {
                    refused.Add(new TreeProblem(path, PlainFileName.Refusal($"a key of \"{key}\"", entry.Name, problem)));
                    continue;
                }

                sums[entry.Name] = hex.ToLowerInvariant();
            }

            return ReadResult<ChecksumSet>.Ok(new ChecksumSet(algorithm, sums) { Refused = refused });
        }
        catch (JsonException e)
        {
            return ReadResult<ChecksumSet>.Fail(path, $"malformed JSON at line {(e.LineNumber ?? 0) + 1}");
        }
    }

    private static int DigitsOf(ChecksumAlgorithm algorithm) => algorithm == ChecksumAlgorithm.Md5 ? 32 : 40;

    private static bool IsHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
