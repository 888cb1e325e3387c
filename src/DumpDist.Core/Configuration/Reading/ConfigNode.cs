using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>
/// A YAML node with its position. We build our own small tree rather than use YamlDotNet's representation model because
/// that model stops at the first duplicate key, and we want to report duplicates together with every other error.
/// </summary>
internal abstract class ConfigNode(Mark start)
{
    public Mark Start { get; } = start;
}
