using System.Text.Json;

namespace DumpDist.Web.Listings;

/// <summary>
/// The machine-readable listing: <c>{"path": "/x/", "entries": [{"name","type","size","modified"}]}</c>; a document
/// generated on request (<c>FILE.meta4</c>, <c>FILE.torrent</c>) has <c>"generated": true</c> instead of a size.
/// </summary>
internal static class JsonListingRenderer
{
    public static byte[] Render(string requestPath, IReadOnlyList<ListingEntry> entries)
    {
        using var buffer = new MemoryStream(64 + (entries.Count * 96));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("path", requestPath);
            json.WriteStartArray("entries");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("name", entry.Name);
                json.WriteString("type", entry.IsDirectory ? "directory" : "file");
                if (entry.Generated)
                {
                    json.WriteBoolean("generated", true);
                }
                else if (!entry.IsDirectory)
                {
                    json.WriteNumber("size", entry.Size);
                }

                json.WriteString("modified", Core.Formatting.Rfc3339.Format(entry.Modified));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
