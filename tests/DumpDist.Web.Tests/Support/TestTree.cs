using DumpDist.TestSupport;

namespace DumpDist.Web.Tests.Support;

/// <summary>A small dump-like tree in a temp dir, with deterministic file contents.</summary>
internal sealed class TestTree : IDisposable
{
    public TestTree()
    {
        Root = TestPaths.NewTempDirectory("web-root");
        Outside = TestPaths.NewTempDirectory("web-outside");
        File.WriteAllText(Path.Combine(Outside, "secret.txt"), "SECRET-OUTSIDE-THE-ROOT\n");
    }

    public string Root { get; }

    /// <summary>A directory next to the root holding a secret that must never be served.</summary>
    public string Outside { get; }

    public byte[] AddFile(string relativePath, int length, int seed = 1)
    {
        var bytes = Content(length, seed);
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return bytes;
    }

    public void AddText(string relativePath, string text)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public void AddSymlink(string relativePath, string target)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.CreateSymbolicLink(full, target);
    }

    public static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
            Directory.Delete(Outside, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
