using System.Text.Json;
using DumpDist.Core.Cluster;
using Microsoft.Data.Sqlite;

namespace DumpDist.Node.Assignments.Peers;

/// <summary>
/// The node's own state, <c>node.db</c> in the state directory: every assignment change it has
/// committed or taken from a peer, with its audit record (the newest epoch is the current set).
/// </summary>
internal sealed class NodeDatabase
{
    public const string FileName = "node.db";
    private readonly string _connectionString;

    private NodeDatabase(string path)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
    }

    public string Path { get; }

    public static NodeDatabase Open(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        var database = new NodeDatabase(System.IO.Path.Combine(stateDirectory, FileName));
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS changes (
              epoch INTEGER PRIMARY KEY,
              assignments TEXT NOT NULL,
              audit TEXT NOT NULL);
            """;
        command.ExecuteNonQuery();
        return database;
    }

    /// <summary>Stores <paramref name="change"/>; false when that epoch is already stored.</summary>
    public bool TryInsert(AssignmentChange change)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO changes (epoch, assignments, audit) VALUES ($epoch, $assignments, $audit)";
        command.Parameters.AddWithValue("$epoch", change.Assignments.Epoch);
        command.Parameters.AddWithValue("$assignments", JsonSerializer.Serialize(change.Assignments, ClusterJsonContext.Default.AssignmentSet));
        command.Parameters.AddWithValue("$audit", JsonSerializer.Serialize(change.Audit, ClusterJsonContext.Default.AuditRecord));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>The newest change, or null when none was ever made.</summary>
    public AssignmentChange? Latest() => Query("SELECT assignments, audit FROM changes ORDER BY epoch DESC LIMIT 1", null).FirstOrDefault();

    /// <summary>Changes newer than <paramref name="epoch"/>, oldest first.</summary>
    public IReadOnlyList<AssignmentChange> After(long epoch) => Query("SELECT assignments, audit FROM changes WHERE epoch > $epoch ORDER BY epoch", epoch);

    /// <summary>The newest <paramref name="limit"/> audit records, newest first.</summary>
    public IReadOnlyList<AuditRecord> Audit(int limit)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT audit FROM changes ORDER BY epoch DESC LIMIT $limit";
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var records = new List<AuditRecord>();
        while (reader.Read())
        {
            records.Add(JsonSerializer.Deserialize(reader.GetString(0), ClusterJsonContext.Default.AuditRecord)!);
        }

        return records;
    }

    private List<AssignmentChange> Query(string sql, long? epoch)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (epoch is { } e)
        {
            command.Parameters.AddWithValue("$epoch", e);
        }

        using var reader = command.ExecuteReader();
        var changes = new List<AssignmentChange>();
        while (reader.Read())
        {
            changes.Add(new AssignmentChange
            {
                Assignments = JsonSerializer.Deserialize(reader.GetString(0), ClusterJsonContext.Default.AssignmentSet)!,
                Audit = JsonSerializer.Deserialize(reader.GetString(1), ClusterJsonContext.Default.AuditRecord)!,
            });
        }

        return changes;
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
