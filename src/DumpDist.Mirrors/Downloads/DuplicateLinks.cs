using System.Globalization;

namespace DumpDist.Mirrors.Downloads;

/// <summary>
/// <c>Link</c> header values for a data file (RFC 6249): each fresh mirror's copy as
/// <c>rel=duplicate</c> with its priority, and the file's Metalink as <c>rel=describedby</c>.
/// </summary>
internal static class DuplicateLinks
{
    /// <summary>The header values, mirrors in order of preference.</summary>
    public static IReadOnlyList<string> For(IReadOnlyList<Uri> mirrorCopies, string metalinkPath)
    {
        var values = new List<string>(mirrorCopies.Count + 1);
        for (var i = 0; i < mirrorCopies.Count; i++)
        {
            values.Add(string.Create(CultureInfo.InvariantCulture, $"<{mirrorCopies[i].AbsoluteUri}>; rel=duplicate; pri={i + 1}"));
        }

        values.Add($"<{metalinkPath}>; rel=describedby; type=\"{MetalinkWriter.MediaType}\"");
        return values;
    }
}
