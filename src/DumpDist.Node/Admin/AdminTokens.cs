using DumpDist.Core.Configuration;
using System.Security.Cryptography;
using System.Text;

namespace DumpDist.Node.Admin;

/// <summary>
/// The bearer tokens the admin API accepts, read at start from files that only their owner may
/// read (mode 0600 or stricter). Compared in constant time, through SHA-256 so length leaks nothing.
/// </summary>
internal sealed class AdminTokens
{
    private readonly List<(string Name, byte[] Hash)> _tokens;

    private AdminTokens(List<(string Name, byte[] Hash)> tokens, string? first)
    {
        _tokens = tokens;
        PeerToken = first;
    }

    public int Count => _tokens.Count;

    /// <summary>The token this node presents to its peers (the first configured; every node reads the same files).</summary>
    public string? PeerToken { get; }

    /// <summary>Reads every token file; null with one error per bad file.</summary>
    public static AdminTokens? Load(IEnumerable<(string Name, string File)> files, out IReadOnlyList<string> errors)
    {
        var problems = new List<string>();
        var tokens = new List<(string, byte[])>();
        string? first = null;
        foreach (var (name, file) in files)
        {
            if (TryRead(file, out var token, out var error))
            {
                tokens.Add((name, SHA256.HashData(Encoding.UTF8.GetBytes(token))));
                first ??= token;
            }
            else
            {
                problems.Add($"admin.tokens '{name}': {error}");
            }
        }

        errors = problems;
        return problems.Count == 0 ? new AdminTokens(tokens, first) : null;
    }

    /// <summary>The name of the token in an <c>Authorization: Bearer</c> header, or null when it is not one of ours.</summary>
    public string? Authenticate(string? authorization)
    {
        const string prefix = "Bearer ";
        if (authorization is null || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var offered = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[prefix.Length..].Trim()));
        string? match = null;
        foreach (var (name, hash) in _tokens)
        {
            // Every token is compared, so timing says nothing about which one (if any) matched.
            if (CryptographicOperations.FixedTimeEquals(offered, hash))
            {
                match ??= name;
            }
        }

        return match;
    }

    /// <summary>Reads a token file, refusing one that group or others may read, or that is empty (Core's one rule).</summary>
    public static bool TryRead(string path, out string token, out string error) => AdminTokenFile.TryRead(path, out token, out error);
}
