using System.Text.Json;
using System.Text.Json.Serialization;
using DumpDist.Core.IO;

namespace DumpDist.Mirrors.Freshness;

/// <summary>
/// The last freshness check of each mirror, kept in <c>&lt;state_dir&gt;/mirrors/checks.json</c>
/// (replaced atomically), so "last seen fresh" survives a restart.
/// </summary>
internal sealed class MirrorCheckState(string path)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    private readonly Lock _gate = new();
    private Dictionary<string, MirrorFreshness> _mirrors = new(StringComparer.Ordinal);

    /// <summary>The state directory's file of <paramref name="stateDir"/>.</summary>
    public static string PathFor(string stateDir) => Path.Combine(stateDir, "mirrors", "checks.json");

    /// <summary>Every mirror checked, by name.</summary>
    public IReadOnlyDictionary<string, MirrorFreshness> Mirrors
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, MirrorFreshness>(_mirrors, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Loads the file; a missing or unreadable one starts empty.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await AtomicFile.TryReadAllTextAsync(path, cancellationToken);
            var loaded = text is null ? null : JsonSerializer.Deserialize<Dictionary<string, MirrorFreshness>>(text, Json);
            lock (_gate)
            {
                _mirrors = new Dictionary<string, MirrorFreshness>(loaded ?? [], StringComparer.Ordinal);
            }
        }
        catch (JsonException)
        {
            // A damaged file costs the "last seen fresh" history, nothing else.
        }
    }

    /// <summary>Records <paramref name="results"/>, drops mirrors no longer checked, and saves.</summary>
    public async Task RecordAsync(IReadOnlyList<MirrorCheckResult> results, CancellationToken cancellationToken)
    {
        Dictionary<string, MirrorFreshness> next;
        lock (_gate)
        {
            next = new Dictionary<string, MirrorFreshness>(StringComparer.Ordinal);
            foreach (var result in results)
            {
                var previous = _mirrors.GetValueOrDefault(result.Name);
                var fresh = result.Status == MirrorCheckStatus.Fresh ? result.CheckedAt : previous?.LastSeenFresh;
                next[result.Name] = new MirrorFreshness(result, fresh);
            }

            _mirrors = next;
        }

        await AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(next, Json), cancellationToken);
    }
}
