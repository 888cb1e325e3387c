using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// Remembers where the last good parsing event ended. YamlDotNet 16 throws a bare InvalidOperationException (no position)
/// for some malformed input, such as an unclosed flow list at the end of a file; this gives that error a place.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    public Mark LastGood { get; private set; } = new(0, 1, 1);

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (inner.Current is { } previous)
        {
            LastGood = previous.End;
        }

        return inner.MoveNext();
    }
}
