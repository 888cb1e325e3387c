using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// Where each bound value was written, by dotted path (<c>services.web.active</c>, <c>hosts[1].name</c>),
/// so rules that look across sections can point at the exact line and column.
/// </summary>
internal sealed class ConfigPositions
{
    private readonly Dictionary<string, Mark> _marks = new(StringComparer.Ordinal);

    public void Record(string path, Mark at) => _marks[path] = at;

    /// <summary>The mark of <paramref name="path"/>, or of its nearest recorded parent, or the file start.</summary>
    public Mark Of(string path)
    {
        for (var current = path; current.Length > 0; current = Parent(current))
        {
            if (_marks.TryGetValue(current, out var mark))
            {
                return mark;
            }
        }

        return new Mark(0, 1, 1);
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? string.Empty : path[..cut];
    }
}
