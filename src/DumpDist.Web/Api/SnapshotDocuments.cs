using System.Text.Json;
using DumpDist.Core.Tree;

namespace DumpDist.Web.Api;

/// <summary>
/// The whole-tree documents of one snapshot, rendered once and then served as bytes: the wiki list
/// with the snapshot (in the background), index.json (tens of MB at production scale) on first use.
/// </summary>
internal sealed class SnapshotDocuments(DumpTreeSnapshot snapshot, JsonWriterOptions options)
{
    /// <summary>Documents of <paramref name="snapshot"/>, the wiki list already rendered.</summary>
    public static SnapshotDocuments Build(DumpTreeSnapshot snapshot, JsonWriterOptions options)
    {
        var documents = new SnapshotDocuments(snapshot, options);
        _ = documents.WikiList;
        return documents;
    }

    private readonly Lazy<byte[]> _wikiList = new(() => Render(options, writer => WriteWikiList(writer, snapshot)));
    private readonly Lazy<byte[]> _index = new(() => Render(options, writer => WriteIndex(writer, snapshot)));

    public DumpTreeSnapshot Snapshot { get; } = snapshot;

    /// <summary><c>/api/v1/wikis</c>.</summary>
    public byte[] WikiList => _wikiList.Value;

    /// <summary><c>/api/v1/index.json</c>.</summary>
    public byte[] Index => _index.Value;

    private static byte[] Render(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, options))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteWikiList(Utf8JsonWriter writer, DumpTreeSnapshot snapshot)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("wikis");
        foreach (var wiki in snapshot.Wikis)
        {
            writer.WriteStartObject();
            writer.WriteString("name", wiki.Name);
            DumpApiJson.WriteNullableString(writer, "latest_good_run", wiki.LatestGoodRun?.Date);
            DumpApiJson.WriteNullableString(writer, "newest_run", wiki.NewestRun?.Date);
            writer.WriteString("newest_state", RunStateNames.Of(wiki.NewestRun?.State ?? RunState.Unknown));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteIndex(Utf8JsonWriter writer, DumpTreeSnapshot snapshot)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("wikis");
        foreach (var wiki in snapshot.Wikis)
        {
            DumpApiJson.WriteIndexEntry(writer, wiki);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
