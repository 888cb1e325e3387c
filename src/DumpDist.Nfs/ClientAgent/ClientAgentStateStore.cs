using DumpDist.Core.IO;
using System.Text.Json;

namespace DumpDist.Nfs.ClientAgent;

/// <summary>Loads and saves the state file atomically. An unreadable file starts a fresh state and says so, never stops the agent.</summary>
public sealed class ClientAgentStateStore(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>The state, or a fresh one (with the reason) when the file is missing or corrupt.</summary>
    public async Task<(ClientAgentState State, string? Problem)> LoadAsync(CancellationToken cancellationToken)
    {
        var text = await AtomicFile.TryReadAllTextAsync(path, cancellationToken);
        if (text is null)
        {
            return (new ClientAgentState(), null);
        }

        try
        {
            var state = JsonSerializer.Deserialize<ClientAgentState>(text, Json) ?? new ClientAgentState();
            return (state with { Servers = new Dictionary<string, ServerRecord>(state.Servers, StringComparer.Ordinal) }, null);
        }
        catch (JsonException ex)
        {
            return (new ClientAgentState(), $"state file {path} is unreadable ({ex.Message}); starting fresh");
        }
    }

    /// <summary>Writes the state atomically.</summary>
    public Task SaveAsync(ClientAgentState state, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(state, Json) + "\n", cancellationToken);
}
