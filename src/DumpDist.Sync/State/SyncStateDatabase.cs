using Microsoft.Data.Sqlite;

namespace DumpDist.Sync.State;

/// <summary>
/// The host's local sync state (`sync.db` in the state directory): pass history, the
/// verified-file cache and the files to fetch again with checksums. WAL mode so the web can read
/// while a pass writes.
/// </summary>
public sealed class SyncStateDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS passes (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            dataset TEXT NOT NULL,
            host TEXT NOT NULL,
            source TEXT NOT NULL,
            started_utc TEXT NOT NULL,
            completed_utc TEXT NOT NULL,
            outcome TEXT NOT NULL,
            message TEXT,
            source_files INTEGER NOT NULL,
            files INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            stage1_seconds REAL NOT NULL,
            stage2_seconds REAL NOT NULL,
            verify_seconds REAL NOT NULL,
            verify_failures INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS passes_dataset ON passes(dataset, outcome, id);
        CREATE TABLE IF NOT EXISTS verified_files (
            path TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            mtime_ns INTEGER NOT NULL,
            sha1 TEXT,
            md5 TEXT,
            sha256 TEXT NOT NULL,
            good INTEGER NOT NULL,
            checked_utc TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS refetch (
            dataset TEXT NOT NULL,
            path TEXT NOT NULL,
            reason TEXT NOT NULL,
            added_utc TEXT NOT NULL,
            PRIMARY KEY (dataset, path));
        """;

    private readonly string _connectionString;

    private SyncStateDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    /// <summary>The database's file name in a state directory.</summary>
    public const string FileName = "sync.db";

    public string Path { get; }

    /// <summary>Opens (creating if needed) `sync.db` in <paramref name="stateDirectory"/>.</summary>
    public static SyncStateDatabase Open(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var database = new SyncStateDatabase(System.IO.Path.Combine(stateDirectory, FileName));
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = Schema;
        command.ExecuteNonQuery();
        return database;
    }

    /// <summary>An open connection; dispose it after use (connections are pooled).</summary>
    public SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
