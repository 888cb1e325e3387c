using DumpDist.Core.Processes;

namespace DumpDist.Core.Tests.Processes;

public sealed class BoundedTextTests
{
    [Theory]
    [InlineData(new[] { "abc" }, 10, "abc")]
    [InlineData(new[] { "abcde", "fghij" }, 10, "abcdefghij")]
    [InlineData(new[] { "abcdefghijkl" }, 10, "abcde\n[... 2 characters omitted ...]\nhijkl")]
    [InlineData(new[] { "abcde", "f", "g", "h", "i", "j", "k", "l" }, 10, "abcde\n[... 2 characters omitted ...]\nhijkl")]
    [InlineData(new[] { "abc", "defghijklmnopq" }, 10, "abcde\n[... 7 characters omitted ...]\nmnopq")]
    public void Append_Chunks_KeepsHeadAndTailHalves(string[] chunks, int limit, string expected)
    {
        var text = new BoundedText(limit);

        foreach (var chunk in chunks)
        {
            text.Append(chunk);
        }

        Assert.Equal(expected, text.ToString());
    }
}
