using System.Text;
using System.Text.Json;

namespace DumpDist.Fixtures.Rendering;

/// <summary>
/// Checksum files as production writes them: text lines <c>HEX  NAME</c> (what md5sum -c and sha1sum -c
/// read) and json <c>{"md5": {"files": {NAME: HEX}}}</c>.
/// </summary>
internal static class ChecksumListing
{
    public static string Text(IEnumerable<(string Name, string Hex)> entries)
    {
        var text = new StringBuilder();
        foreach (var (name, hex) in entries)
        {
            text.Append(hex).Append("  ").Append(name).Append('\n');
        }

        return text.ToString();
    }

    public static byte[] Json(string hashType, IEnumerable<(string Name, string Hex)> entries)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(hashType);
            json.WriteStartObject("files");
            foreach (var (name, hex) in entries)
            {
                json.WriteString(name, hex);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
