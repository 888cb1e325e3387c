using System.Text.RegularExpressions;
using DumpDist.Core.Configuration.Binding;
using DumpDist.Core.Configuration.Reading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DumpDist.Core.Configuration;

/// <summary>
/// Loads and validates the cluster file. Never throws for bad input: every problem found (malformed YAML, unknown key,
/// bad value, missing key, cross-section rule) comes back in <see cref="ClusterConfigLoadResult.Errors"/> with its position.
/// </summary>
public static partial class ClusterConfigLoader
{
    /// <summary>Reads and validates <paramref name="path"/>; a missing or unreadable file is one error without a position.</summary>
    public static ClusterConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            var why = e switch
            {
                FileNotFoundException or DirectoryNotFoundException => "no such file",
                UnauthorizedAccessException when Directory.Exists(path) => "is a directory, not a file",
                _ => e.Message,
            };
            return new ClusterConfigLoadResult { Errors = [new ConfigError(path, 0, 0, $"cannot read the cluster file: {why}")] };
        }

        return Parse(text, path);
    }

    /// <summary>Validates YAML <paramref name="yaml"/>; <paramref name="file"/> is the name used in errors.</summary>
    public static ClusterConfigLoadResult Parse(string yaml, string file)
    {
        var errors = new ConfigErrors(file);
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, $"malformed YAML: {StripPosition(e.Message)}");
            return new ClusterConfigLoadResult { Errors = errors.Sorted() };
        }
        catch (InvalidOperationException)
        {
            errors.Add(parser.LastGood, "malformed YAML: cannot parse what follows (an unclosed '[', '{' or quote?)");
            return new ClusterConfigLoadResult { Errors = errors.Sorted() };
        }

        if (stream.Documents.Count == 0 || NodeReader.IsNull(stream.Documents[0].RootNode))
        {
            errors.AddWholeFile("the cluster file is empty");
            return new ClusterConfigLoadResult { Errors = errors.Sorted() };
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add(stream.Documents[1].RootNode.Start, $"expected one YAML document, found {stream.Documents.Count}");
        }

        var config = ClusterBinder.Bind(new NodeReader(errors, new ConfigPositions()), stream.Documents[0].RootNode);
        return errors.Count == 0 && config is not null
            ? new ClusterConfigLoadResult { Config = config }
            : new ClusterConfigLoadResult { Errors = errors.Sorted() };
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; we report the position ourselves.
    private static string StripPosition(string message) => PositionPrefix().Replace(message, string.Empty);

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();
}
