using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>A mapping, keeping every entry in file order, duplicates included.</summary>
internal sealed class MappingNode(Mark start) : ConfigNode(start)
{
    public List<(ConfigNode Key, ConfigNode Value)> Entries { get; } = [];
}
