using System.Globalization;

namespace DumpDist.Sync.State;

/// <summary>
/// Files that failed verification: the next pass fetches them again comparing checksums
/// (`rsync -c`), since a repaired source file may keep its size and mtime.
/// </summary>
public sealed class RefetchQueue
{
    private readonly SyncStateDatabase _database;

    /// <summary>A queue kept in <paramref name="database"/>.</summary>
    public RefetchQueue(SyncStateDatabase database)
    {
        _database = database;
    }

    /// <summary>Adds (or refreshes) a file, by its path relative to the dataset root.</summary>
    public void Add(string dataset, string relativePath, string reason, DateTimeOffset now)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO refetch (dataset, path, reason, added_utc) VALUES ($dataset, $path, $reason, $now)
            ON CONFLICT(dataset, path) DO UPDATE SET reason = excluded.reason
            """;
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$path", relativePath);
        command.Parameters.AddWithValue("$reason", reason);
        command.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }

    /// <summary>Removes a file once it verified good.</summary>
    public void Remove(string dataset, string relativePath)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM refetch WHERE dataset = $dataset AND path = $path";
        command.Parameters.AddWithValue("$dataset", dataset);
        command.Parameters.AddWithValue("$path", relativePath);
        command.ExecuteNonQuery();
    }

    /// <summary>The relative paths waiting to be fetched again.</summary>
    public IReadOnlyList<string> List(string dataset)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path FROM refetch WHERE dataset = $dataset ORDER BY path";
        command.Parameters.AddWithValue("$dataset", dataset);
        using var reader = command.ExecuteReader();
        var paths = new List<string>();
        while (reader.Read())
        {
            paths.Add(reader.GetString(0));
        }

        return paths;
    }
}
