namespace DumpDist.Core.Configuration.Reading;

/// <summary>Reports values that must be unique (host names, dataset names, ...) at each repeat, naming the first line.</summary>
internal static class UniqueNames
{
    /// <param name="reader">Where errors and positions are.</param>
    /// <param name="items">Each value with the path it was read from; empty values (already reported as missing) are skipped.</param>
    /// <param name="what">Noun for the message, e.g. "host name".</param>
    public static void Check(NodeReader reader, IEnumerable<(string Value, string Path)> items, string what)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (value, path) in items)
        {
            if (value.Length == 0)
            {
                continue;
            }

            if (first.TryGetValue(value, out var firstPath))
            {
                reader.Error(reader.Positions.Of(path), path, $"duplicate {what} '{value}' (first at line {reader.Positions.Of(firstPath).Line})");
            }
            else
            {
                first[value] = path;
            }
        }
    }
}
