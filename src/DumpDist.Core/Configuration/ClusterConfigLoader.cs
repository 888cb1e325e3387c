using DumpDist.Core.Configuration.Binding;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration;

/// <summary>
/// Loads and validates the cluster file. Never throws for bad input: every problem found (malformed YAML, unknown key,
/// bad value, missing key, cross-section rule) comes back in <see cref="ClusterConfigLoadResult.Errors"/> with its position,
/// what is allowed but probably unwanted in <see cref="ClusterConfigLoadResult.Warnings"/>, and the entries loaded
/// without (a mirror with a bad address) in <see cref="ClusterConfigLoadResult.LeftOut"/>.
/// </summary>
public static class ClusterConfigLoader
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
        var documents = YamlTreeReader.Read(yaml, errors);
        if (documents is null)
        {
            return new ClusterConfigLoadResult { Errors = errors.Sorted() };
        }

        if (documents.Count == 0 || NodeReader.IsNull(documents[0]))
        {
            errors.AddWholeFile("the cluster file is empty");
            return new ClusterConfigLoadResult { Errors = errors.Sorted() };
        }

        if (documents.Count > 1)
        {
            errors.Add(documents[1].Start, $"expected one YAML document, found {documents.Count}");
        }

        var config = ClusterBinder.Bind(new NodeReader(errors, new ConfigPositions()), documents[0]);
        return errors.Count == 0 && config is not null
            ? new ClusterConfigLoadResult { Config = config, Warnings = errors.SortedWarnings(), LeftOut = errors.SortedLeftOut() }
            : new ClusterConfigLoadResult { Errors = errors.Sorted(), Warnings = errors.SortedWarnings(), LeftOut = errors.SortedLeftOut() };
    }
}
