using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DumpDist.Core.Hashing;
using DumpDist.Core.Tree;
using DumpDist.Mirrors.Downloads;
using DumpDist.Mirrors.Modules;
using DumpDist.Mirrors.Rsyncd;
using DumpDist.Sync.Verification;

// One operation per process, so bench/mirrors/run.sh measures its wall time and peak RSS with
// /usr/bin/time exactly as it measures the baseline program:
//   include-lists ROOT STATE_DIR       regenerate the module filter files and dirlists (keep_runs 1..5)
//   pieces FILE PIECE_LENGTH           torrent piece hashes by a read of their own (prints SHA-256 of the pieces)
//   verify FILE [PIECE_LENGTH]         the verification read (SHA-1 + SHA-256), with the pieces fed from it when given
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: DumpDist.MirrorsBench include-lists ROOT STATE_DIR | pieces FILE PIECE_LENGTH | verify FILE [PIECE_LENGTH]");
    return 2;
}

var clock = Stopwatch.StartNew();
switch (args[0])
{
    case "include-lists":
        var result = await IncludeListWriter.WriteAsync(args[1], RsyncdPaths.ForStateDir(args[2]), [1, 2, 3, 4, 5], DateTimeOffset.UtcNow, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"include-lists: {result.Wikis} wikis with good runs, {result.Written} files written, {clock.Elapsed.TotalSeconds:F2} s"));
        return 0;
    case "pieces":
        var pieces = await PieceHashes.ComputeAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), CancellationToken.None);
        Console.WriteLine($"pieces: {pieces.Length / 20} sha256-of-pieces {Convert.ToHexStringLower(SHA256.HashData(pieces))}");
        return 0;
    case "verify":
        using (var hasher = args.Length > 2 ? new PieceHasher(int.Parse(args[2], CultureInfo.InvariantCulture)) : null)
        {
            var hashes = await FileHasher.HashAsync(args[1], ChecksumAlgorithm.Sha1, null, hasher, CancellationToken.None);
            var tail = hasher is null ? string.Empty : $" sha256-of-pieces {Convert.ToHexStringLower(SHA256.HashData(hasher.Complete()))}";
            Console.WriteLine($"verify: sha1 {hashes.Sha1}{tail}");
        }

        return 0;
    default:
        Console.Error.WriteLine($"unknown scenario '{args[0]}'");
        return 2;
}
