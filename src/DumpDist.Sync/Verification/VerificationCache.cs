using System.Globalization;
using DumpDist.Sync.State;

namespace DumpDist.Sync.Verification;

/// <summary>
/// Verified-file cache keyed by (full path, size, mtime in ns): an unchanged file is never read
/// twice. Only files that matched their published checksum are "good"; a mismatch is stored too
/// (so it is reported, not re-read) but never yields a SHA-256 to the web.
/// </summary>
public sealed class VerificationCache : IVerifiedFileStore
{
    private readonly SyncStateDatabase _database;

    /// <summary>A cache kept in <paramref name="database"/>.</summary>
    public VerificationCache(SyncStateDatabase database)
    {
        _database = database;
    }

    /// <summary>Opens the cache of a host's state directory.</summary>
    public static VerificationCache Open(string stateDirectory) => new(SyncStateDatabase.Open(stateDirectory));

    /// <inheritdoc />
    public bool TryGetSha256(string fullPath, long size, long mtimeNanoseconds, out string sha256)
    {
        var entry = TryGet(fullPath, size, mtimeNanoseconds);
        if (entry is { Good: true })
        {
            sha256 = entry.Hashes.Sha256;
            return true;
        }

        sha256 = string.Empty;
        return false;
    }

    /// <summary>The cached entry for exactly this (path, size, mtime), if any.</summary>
    public CachedVerification? TryGet(string fullPath, long size, long mtimeNanoseconds)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sha1, md5, sha256, good FROM verified_files WHERE path = $path AND size = $size AND mtime_ns = $mtime";
        command.Parameters.AddWithValue("$path", fullPath);
        command.Parameters.AddWithValue("$size", size);
        command.Parameters.AddWithValue("$mtime", mtimeNanoseconds);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var hashes = new FileHashes(size, reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
        return new CachedVerification(hashes, reader.GetInt64(3) != 0);
    }

    /// <summary>Stores the outcome of reading a file.</summary>
    public void Put(string fullPath, long mtimeNanoseconds, FileHashes hashes, bool good, DateTimeOffset now) =>
        PutMany([new CacheEntry(fullPath, mtimeNanoseconds, hashes, good)], now);

    /// <summary>Stores many outcomes in one transaction.</summary>
    public void PutMany(IReadOnlyCollection<CacheEntry> entries, DateTimeOffset now)
    {
        if (entries.Count == 0)
        {
            return;
        }

        using var connection = _database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO verified_files (path, size, mtime_ns, sha1, md5, sha256, good, checked_utc)
            VALUES ($path, $size, $mtime, $sha1, $md5, $sha256, $good, $now)
            ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns, sha1 = excluded.sha1,
                md5 = excluded.md5, sha256 = excluded.sha256, good = excluded.good, checked_utc = excluded.checked_utc
            """;
        var path = command.Parameters.Add("$path", Microsoft.Data.Sqlite.SqliteType.Text);
        var size = command.Parameters.Add("$size", Microsoft.Data.Sqlite.SqliteType.Integer);
        var mtime = command.Parameters.Add("$mtime", Microsoft.Data.Sqlite.SqliteType.Integer);
        var sha1 = command.Parameters.Add("$sha1", Microsoft.Data.Sqlite.SqliteType.Text);
        var md5 = command.Parameters.Add("$md5", Microsoft.Data.Sqlite.SqliteType.Text);
        var sha256 = command.Parameters.Add("$sha256", Microsoft.Data.Sqlite.SqliteType.Text);
        var good = command.Parameters.Add("$good", Microsoft.Data.Sqlite.SqliteType.Integer);
        command.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        foreach (var entry in entries)
        {
            path.Value = entry.FullPath;
            size.Value = entry.Hashes.Size;
            mtime.Value = entry.MtimeNanoseconds;
            sha1.Value = (object?)entry.Hashes.Sha1 ?? DBNull.Value;
            md5.Value = (object?)entry.Hashes.Md5 ?? DBNull.Value;
            sha256.Value = entry.Hashes.Sha256;
            good.Value = entry.Good ? 1 : 0;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Drops what the cache knows about files that were just replaced, in one transaction.</summary>
    public void ForgetMany(IEnumerable<string> fullPaths)
    {
        using var connection = _database.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM verified_files WHERE path = $path";
        var path = command.Parameters.Add("$path", Microsoft.Data.Sqlite.SqliteType.Text);
        foreach (var fullPath in fullPaths)
        {
            path.Value = fullPath;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>The modification time of a file in nanoseconds since the Unix epoch (the cache key).</summary>
    public static long MtimeNanoseconds(FileInfo file) =>
        (file.LastWriteTimeUtc - DateTime.UnixEpoch).Ticks * 100;
}
