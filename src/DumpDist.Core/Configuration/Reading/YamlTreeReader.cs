using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>Parses YAML text into <see cref="ConfigNode"/> documents; malformed YAML becomes one positioned error.</summary>
internal static partial class YamlTreeReader
{
    /// <summary>The documents of <paramref name="yaml"/>, or null after reporting a syntax error.</summary>
    public static IReadOnlyList<ConfigNode>? Read(string yaml, ConfigErrors errors)
    {
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            var anchors = new Dictionary<string, ConfigNode>(StringComparer.Ordinal);
            var documents = new List<ConfigNode>();
            parser.Consume<StreamStart>();
            while (!parser.TryConsume<StreamEnd>(out _))
            {
                parser.Consume<DocumentStart>();
                documents.Add(ReadNode(parser, anchors, errors));
                parser.Consume<DocumentEnd>();
            }

            return documents;
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, $"malformed YAML: {PositionPrefix().Replace(e.Message, string.Empty)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this, without a position, for e.g. an unclosed flow list at the end of the file.
            errors.Add(parser.LastGood, "malformed YAML: cannot parse what follows (an unclosed '[', '{' or quote?)");
        }

        return null;
    }

    private static ConfigNode ReadNode(IParser parser, Dictionary<string, ConfigNode> anchors, ConfigErrors errors)
    {
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (anchors.TryGetValue(alias.Value.Value, out var target))
            {
                return target;
            }

            errors.Add(alias.Start, $"unknown YAML alias '*{alias.Value.Value}'");
            return new ScalarNode(alias.Start, string.Empty, isPlain: true);
        }

        ConfigNode node;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            node = new ScalarNode(scalar.Start, scalar.Value, scalar.Style is ScalarStyle.Plain or ScalarStyle.Any);
            anchor = scalar.Anchor;
        }
        else if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var sequence = new SequenceNode(sequenceStart.Start);
            anchor = sequenceStart.Anchor;
            Register(anchors, anchor, sequence);
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                sequence.Items.Add(ReadNode(parser, anchors, errors));
            }

            node = sequence;
        }
        else
        {
            var mappingStart = parser.Consume<MappingStart>();
            var mapping = new MappingNode(mappingStart.Start);
            anchor = mappingStart.Anchor;
            Register(anchors, anchor, mapping);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = ReadNode(parser, anchors, errors);
                mapping.Entries.Add((key, ReadNode(parser, anchors, errors)));
            }

            node = mapping;
        }

        Register(anchors, anchor, node);
        return node;
    }

    private static void Register(Dictionary<string, ConfigNode> anchors, AnchorName anchor, ConfigNode node)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = node;
        }
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 10) - (Line: ...): "; we report the position ourselves.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();
}
