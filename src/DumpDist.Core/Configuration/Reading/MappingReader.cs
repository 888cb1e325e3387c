using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// One YAML mapping with a fixed set of known keys. Unknown keys are reported when it is opened (naming the closest
/// known key); each accessor reports a bad or missing value at its position and returns null so binding carries on.
/// </summary>
internal sealed class MappingReader
{
    private readonly NodeReader _reader;
    private readonly Dictionary<string, (ConfigNode Key, ConfigNode Value)> _entries = new(StringComparer.Ordinal);

    // Keys offered as "did you mean" for an unknown key: not also reported missing, so one typo gives one error.
    private readonly HashSet<string> _suggested = new(StringComparer.Ordinal);

    public MappingReader(NodeReader reader, MappingNode node, string path, IReadOnlyCollection<string> knownKeys)
    {
        _reader = reader;
        Path = path;
        Start = node.Start;
        foreach (var (key, value) in node.Entries)
        {
            if (key is not ScalarNode { Value: var name })
            {
                reader.Error(key.Start, path, $"keys must be plain names, got {NodeReader.Describe(key)}");
                continue;
            }

            if (!knownKeys.Contains(name))
            {
                var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                var closest = KeySuggester.Closest(name, knownKeys);
                var hint = closest is not null ? $"did you mean '{closest}'?" : $"known keys: {string.Join(", ", knownKeys)}";
                if (closest is not null)
                {
                    _suggested.Add(closest);
                }

                reader.Errors.Add(key.Start, $"unknown key '{name}' {where}; {hint}");
                continue;
            }

            if (_entries.TryGetValue(name, out var first))
            {
                var where = path.Length == 0 ? "at the top level" : $"in '{path}'";
                reader.Errors.Add(key.Start, $"duplicate key '{name}' {where} (first at line {first.Key.Start.Line})");
                continue;
            }

            _entries[name] = (key, value);
            reader.Positions.Record(PathOf(name), NodeReader.IsNull(value) ? key.Start : value.Start);
        }
    }

    public string Path { get; }

    public Mark Start { get; }

    public NodeReader Reader => _reader;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    /// <summary>True when <paramref name="key"/> is present with a non-null value.</summary>
    public bool Has(string key) => Value(key) is not null;

    /// <summary>The value node of <paramref name="key"/>, or null when absent or YAML null.</summary>
    public ConfigNode? Value(string key) =>
        _entries.TryGetValue(key, out var entry) && !NodeReader.IsNull(entry.Value) ? entry.Value : null;

    /// <summary>The value node; when absent, reports the missing required key at this mapping and returns null.</summary>
    public ConfigNode? Required(string key)
    {
        var value = Value(key);
        if (value is null && !_suggested.Contains(key))
        {
            var at = _entries.TryGetValue(key, out var entry) ? entry.Key.Start : Start;
            var where = Path.Length == 0 ? "at the top level" : $"in '{Path}'";
            _reader.Errors.Add(at, $"missing required key '{key}' {where}");
        }

        return value;
    }

    public string? String(string key, bool required = false)
    {
        var node = required ? Required(key) : Value(key);
        return node is null ? null : _reader.Scalar(node, PathOf(key));
    }

    /// <summary>Parses <paramref name="key"/>'s value; null when absent (reported if required) or unparseable (reported).</summary>
    public T? Parse<T>(string key, ScalarParser<T> parser, bool required = false)
        where T : struct
    {
        var node = required ? Required(key) : Value(key);
        if (node is null)
        {
            return null;
        }

        var text = _reader.Scalar(node, PathOf(key));
        if (text is null)
        {
            return null;
        }

        var problem = parser(text, out var value);
        if (problem is not null)
        {
            _reader.Error(node.Start, PathOf(key), problem);
            return null;
        }

        return value;
    }

    /// <summary>Like <see cref="Parse{T}"/> for reference-typed values.</summary>
    public T? ParseObject<T>(string key, ScalarParser<T> parser, bool required = false)
        where T : class
    {
        var node = required ? Required(key) : Value(key);
        return node is null ? null : _reader.Parse(node, PathOf(key), parser);
    }

    public MappingReader? Mapping(string key, IReadOnlyCollection<string> knownKeys, bool required = false)
    {
        var node = required ? Required(key) : Value(key);
        return node is null ? null : _reader.Mapping(node, PathOf(key), knownKeys);
    }

    /// <summary>The items of a list value; null when absent (reported if required), empty when not a list (reported).</summary>
    public IReadOnlyList<(ConfigNode Node, string Path)>? Sequence(string key, bool required = false)
    {
        var node = required ? Required(key) : Value(key);
        return node is null ? null : _reader.Sequence(node, PathOf(key));
    }

    /// <summary>A list of scalars, each parsed; null when absent (reported if required).</summary>
    public IReadOnlyList<T>? List<T>(string key, ScalarParser<T> parser, bool required = false)
        where T : notnull
    {
        var node = required ? Required(key) : Value(key);
        return node is null ? null : _reader.ParseList(node, PathOf(key), parser);
    }

    /// <summary>Like <see cref="List{T}"/>, keeping each value's path.</summary>
    public IReadOnlyList<(T Value, string Path)>? ListWithPaths<T>(string key, ScalarParser<T> parser, bool required = false)
        where T : notnull
    {
        var node = required ? Required(key) : Value(key);
        return node is null ? null : _reader.ParseListWithPaths(node, PathOf(key), parser);
    }
}
