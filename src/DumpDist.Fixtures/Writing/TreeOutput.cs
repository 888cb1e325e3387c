using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace DumpDist.Fixtures.Writing;

/// <summary>
/// Writes files under the tree root with as few system calls as possible (open, write, futimens, close),
/// hashing data in the same pass, and counts what it wrote.
/// </summary>
internal sealed class TreeOutput(string root, int seed, FixtureProgress progress, bool native)
{
    /// <summary>Native file creation on Linux unless DUMPDIST_FIXTURE_MANAGED_IO=1 (for measuring the difference).</summary>
    public static bool NativeByDefault { get; } =
        NativeFile.IsSupported && Environment.GetEnvironmentVariable("DUMPDIST_FIXTURE_MANAGED_IO") != "1";

    private const int Chunk = 1 << 20;

    public string Root { get; } = root;

    public FixtureProgress Progress { get; } = progress;

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes <paramref name="size"/> pseudo-random bytes keyed by the relative path and the seed; returns their sums.</summary>
    public WrittenFile WriteData(string relativePath, long size, DateTime modifiedUtc)
    {
        var key = Planning.StableRandom.Mix((ulong)(uint)seed, Planning.StableHash.Of(relativePath));
        var content = new PseudoRandomContent(key, relativePath);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Chunk));
        try
        {
            using var file = OutputFile.Create(PathOf(relativePath), native);
            string md5;
            string sha1;
            if (size <= Chunk)
            {
                var span = buffer.AsSpan(0, (int)size);
                content.Fill(span);
                file.Write(span, 0);
                md5 = Convert.ToHexStringLower(MD5.HashData(span));
                sha1 = Convert.ToHexStringLower(SHA1.HashData(span));
            }
            else
            {
                using var md5Hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                using var sha1Hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
                for (long offset = 0; offset < size; offset += Chunk)
                {
                    var span = buffer.AsSpan(0, (int)Math.Min(Chunk, size - offset));
                    content.Fill(span);
                    md5Hash.AppendData(span);
                    sha1Hash.AppendData(span);
                    file.Write(span, offset);
                }

                md5 = Convert.ToHexStringLower(md5Hash.GetHashAndReset());
                sha1 = Convert.ToHexStringLower(sha1Hash.GetHashAndReset());
            }

            file.Complete(modifiedUtc);
            Progress.AddFile(size);
            return new WrittenFile(size, md5, sha1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void WriteText(string relativePath, string text, DateTime modifiedUtc)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteBytes(relativePath, bytes, modifiedUtc);
    }

    public void WriteBytes(string relativePath, ReadOnlySpan<byte> bytes, DateTime modifiedUtc)
    {
        using (var file = OutputFile.Create(PathOf(relativePath), native))
        {
            file.Write(bytes, 0);
            file.Complete(modifiedUtc);
        }

        Progress.AddFile(bytes.Length);
    }

    public void Symlink(string relativePath, string target)
    {
        File.CreateSymbolicLink(PathOf(relativePath), target);
        Progress.AddSymlink();
    }

    public void CreateDirectory(string relativePath) => Directory.CreateDirectory(PathOf(relativePath));

    public void StampDirectory(string relativePath, DateTime modifiedUtc) => Directory.SetLastWriteTimeUtc(PathOf(relativePath), modifiedUtc);
}
