using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>A list.</summary>
internal sealed class SequenceNode(Mark start) : ConfigNode(start)
{
    public List<ConfigNode> Items { get; } = [];
}
