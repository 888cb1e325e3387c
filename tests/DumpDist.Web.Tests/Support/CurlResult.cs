using System.Globalization;

namespace DumpDist.Web.Tests.Support;

/// <summary>The last response curl saw: status, headers (case-insensitive, last value wins), body.</summary>
internal sealed record CurlResult(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    public static CurlResult Parse(string headerText, byte[] body)
    {
        // With redirects or 100-continue there are several header blocks; the last one counts.
        var blocks = headerText.Split("\r\n\r\n", StringSplitOptions.RemoveEmptyEntries);
        var last = blocks[^1].Split("\r\n");
        var status = int.Parse(last[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in last.Skip(1))
        {
            var colon = line.IndexOf(':');
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new CurlResult(status, headers, body);
    }
}
