using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// Reads YAML nodes into values, reporting each problem at the node's own line and column and carrying on,
/// so one pass over the file finds every error.
/// </summary>
internal sealed class NodeReader(ConfigErrors errors, ConfigPositions positions)
{
    public ConfigErrors Errors { get; } = errors;

    public ConfigPositions Positions { get; } = positions;

    /// <summary>YAML's null (<c>~</c>, <c>null</c>, or nothing after the colon) counts as "not given".</summary>
    public static bool IsNull(ConfigNode node) =>
        node is ScalarNode { IsPlain: true, Value: "" or "~" or "null" or "Null" or "NULL" };

    public static string Describe(ConfigNode node) => node switch
    {
        MappingNode => "a mapping",
        SequenceNode => "a list",
        ScalarNode s => $"'{s.Value}'",
        _ => "something else",
    };

    public void Error(Mark at, string path, string problem) =>
        Errors.Add(at, path.Length == 0 ? problem : $"{path}: {problem}");

    /// <summary>Reports something allowed but probably unwanted; the file still loads.</summary>
    public void Warning(Mark at, string path, string problem) =>
        Errors.AddWarning(at, path.Length == 0 ? problem : $"{path}: {problem}");

    /// <summary>Reports a problem of an entry that the file loads without; the rest of the file applies.</summary>
    public void LeftOut(Mark at, string path, string problem) =>
        Errors.AddLeftOut(at, $"{path}: {problem}");

    /// <summary>Opens <paramref name="node"/> as a mapping with the given keys; null (and an error) when it is not a mapping.</summary>
    public MappingReader? Mapping(ConfigNode node, string path, IReadOnlyCollection<string> knownKeys)
    {
        if (node is not MappingNode mapping)
        {
            Error(node.Start, path, $"expected a mapping of keys ({string.Join(", ", knownKeys)}), got {Describe(node)}");
            return null;
        }

        Positions.Record(path, node.Start);
        return new MappingReader(this, mapping, path, knownKeys);
    }

    /// <summary>The items of <paramref name="node"/> with their paths; empty (and an error) when it is not a list.</summary>
    public IReadOnlyList<(ConfigNode Node, string Path)> Sequence(ConfigNode node, string path)
    {
        if (node is not SequenceNode sequence)
        {
            Error(node.Start, path, $"expected a list, got {Describe(node)}");
            return [];
        }

        var items = new List<(ConfigNode, string)>();
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            Positions.Record(itemPath, sequence.Items[i].Start);
            items.Add((sequence.Items[i], itemPath));
        }

        return items;
    }

    /// <summary>The text of a scalar node; null (and an error) for a list, a mapping or a null.</summary>
    public string? Scalar(ConfigNode node, string path)
    {
        if (node is not ScalarNode scalar)
        {
            Error(node.Start, path, $"expected a single value, got {Describe(node)}");
            return null;
        }

        if (IsNull(node))
        {
            Error(node.Start, path, "expected a value, got nothing");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>Parses a scalar node; null (and an error at the node) when it does not parse.</summary>
    public T? Parse<T>(ConfigNode node, string path, ScalarParser<T> parser)
        where T : notnull
    {
        var text = Scalar(node, path);
        if (text is null)
        {
            return default;
        }

        var problem = parser(text, out var value);
        if (problem is not null)
        {
            Error(node.Start, path, problem);
            return default;
        }

        return value;
    }

    /// <summary>Parses every item of a list of scalars, skipping (and reporting) the bad ones.</summary>
    public IReadOnlyList<T> ParseList<T>(ConfigNode node, string path, ScalarParser<T> parser)
        where T : notnull =>
        ParseListWithPaths(node, path, parser).Select(p => p.Value).ToArray();

    /// <summary>Like <see cref="ParseList{T}"/>, keeping each good value's own path for later rules.</summary>
    public IReadOnlyList<(T Value, string Path)> ParseListWithPaths<T>(ConfigNode node, string path, ScalarParser<T> parser)
        where T : notnull
    {
        var values = new List<(T, string)>();
        foreach (var (item, itemPath) in Sequence(node, path))
        {
            var text = Scalar(item, itemPath);
            if (text is null)
            {
                continue;
            }

            var problem = parser(text, out var value);
            if (problem is null)
            {
                values.Add((value, itemPath));
            }
            else
            {
                Error(item.Start, itemPath, problem);
            }
        }

        return values;
    }
}
