using System.Globalization;

namespace DumpDist.Sync.State;

/// <summary>Pass history: every pass is recorded; the last good one is the guard's baseline.</summary>
public sealed class SyncHistory
{
    private readonly SyncStateDatabase _database;

    /// <summary>History kept in <paramref name="database"/>.</summary>
    public SyncHistory(SyncStateDatabase database)
    {
        _database = database;
    }

    /// <summary>Appends a pass.</summary>
    public void Record(PassRecord pass)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO passes (dataset, host, source, started_utc, completed_utc, outcome, message, source_files,
                files, bytes, stage1_seconds, stage2_seconds, verify_seconds, verify_failures)
            VALUES ($dataset, $host, $source, $started, $completed, $outcome, $message, $sourceFiles,
                $files, $bytes, $s1, $s2, $sv, $vf)
            """;
        command.Parameters.AddWithValue("$dataset", pass.Dataset);
        command.Parameters.AddWithValue("$host", pass.Host);
        command.Parameters.AddWithValue("$source", pass.Source);
        command.Parameters.AddWithValue("$started", pass.Started.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$completed", pass.Completed.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$outcome", pass.Outcome);
        command.Parameters.AddWithValue("$message", (object?)pass.Message ?? DBNull.Value);
        command.Parameters.AddWithValue("$sourceFiles", pass.SourceFiles);
        command.Parameters.AddWithValue("$files", pass.Files);
        command.Parameters.AddWithValue("$bytes", pass.Bytes);
        command.Parameters.AddWithValue("$s1", pass.Stage1Seconds);
        command.Parameters.AddWithValue("$s2", pass.Stage2Seconds);
        command.Parameters.AddWithValue("$sv", pass.VerifySeconds);
        command.Parameters.AddWithValue("$vf", pass.VerifyFailures);
        command.ExecuteNonQuery();
    }

    /// <summary>The most recent pass of <paramref name="dataset"/> with outcome "ok", if any.</summary>
    public PassRecord? LastGood(string dataset) => Last(dataset, onlyGood: true);

    /// <summary>The most recent pass of <paramref name="dataset"/>, whatever its outcome.</summary>
    public PassRecord? Last(string dataset) => Last(dataset, onlyGood: false);

    private PassRecord? Last(string dataset, bool onlyGood)
    {
        using var connection = _database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT dataset, host, source, started_utc, completed_utc, outcome, message, source_files, files, bytes,
                stage1_seconds, stage2_seconds, verify_seconds, verify_failures
            FROM passes WHERE dataset = $dataset {(onlyGood ? "AND outcome = 'ok'" : string.Empty)}
            ORDER BY id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$dataset", dataset);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new PassRecord
        {
            Dataset = reader.GetString(0),
            Host = reader.GetString(1),
            Source = reader.GetString(2),
            Started = DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            Completed = DateTimeOffset.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            Outcome = reader.GetString(5),
            Message = reader.IsDBNull(6) ? null : reader.GetString(6),
            SourceFiles = reader.GetInt64(7),
            Files = reader.GetInt64(8),
            Bytes = reader.GetInt64(9),
            Stage1Seconds = reader.GetDouble(10),
            Stage2Seconds = reader.GetDouble(11),
            VerifySeconds = reader.GetDouble(12),
            VerifyFailures = reader.GetInt32(13),
        };
    }
}
