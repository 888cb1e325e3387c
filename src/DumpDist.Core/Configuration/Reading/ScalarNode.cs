using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>A scalar; <see cref="IsPlain"/> is false for quoted or block scalars (so <c>"null"</c> stays a string).</summary>
internal sealed class ScalarNode(Mark start, string value, bool isPlain) : ConfigNode(start)
{
    public string Value { get; } = value;

    public bool IsPlain { get; } = isPlain;
}
