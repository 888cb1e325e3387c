using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DumpDist.Mirrors.Metrics;

/// <summary>
/// Reads rsyncd's log line by line. Every line starts "YYYY/MM/DD HH:MM:SS [pid] "; the client's
/// address comes from its connection's "connect from NAME (ADDR)" line, so later lines of the
/// same pid are charged to it. Lines it does not know are skipped.
/// </summary>
internal sealed partial class TransferLogParser
{
    private const int MaxSessions = 10_000;
    private readonly Dictionary<int, IPAddress> _clients = [];

    /// <summary>The event of <paramref name="line"/>, if it is one the metrics count.</summary>
    public TransferEvent? Read(string line)
    {
        var match = Prefix().Match(line);
        if (!match.Success
            || !DateTime.TryParseExact(match.Groups["time"].ValueSpan, "yyyy/MM/dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeLocal, out var local)
            || !int.TryParse(match.Groups["pid"].ValueSpan, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var at = new DateTimeOffset(local);
        var rest = line.AsSpan(match.Length);
        if (Connect().Match(line, match.Length) is { Success: true } connect && IPAddress.TryParse(connect.Groups["addr"].ValueSpan, out var address))
        {
            if (_clients.Count >= MaxSessions)
            {
                // Sessions that never logged an end; pids are reused, so old entries are only guesses.
                _clients.Clear();
            }

            _clients[pid] = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            return null;
        }

        if (!_clients.TryGetValue(pid, out var client))
        {
            return null;
        }

        if (rest.StartsWith("xfer send ", StringComparison.Ordinal))
        {
            return new TransferEvent(TransferEventKind.FileSent, client, at);
        }

        if (Sent().Match(line, match.Length) is { Success: true } sent)
        {
            // Kept: an "rsync error" line (code 23, 24) may still follow for this session.
            return new TransferEvent(TransferEventKind.PullCompleted, client, at, long.Parse(sent.Groups["sent"].ValueSpan, CultureInfo.InvariantCulture));
        }

        if (rest.StartsWith("rsync denied on module ", StringComparison.Ordinal)
            || rest.StartsWith("unknown module ", StringComparison.Ordinal)
            || rest.StartsWith("max connections ", StringComparison.Ordinal))
        {
            _clients.Remove(pid);
            return new TransferEvent(TransferEventKind.Refused, client, at);
        }

        if (rest.StartsWith("rsync error: ", StringComparison.Ordinal))
        {
            _clients.Remove(pid);
            return new TransferEvent(TransferEventKind.Error, client, at);
        }

        return null;
    }

    [GeneratedRegex(@"^(?<time>\d{4}/\d\d/\d\d \d\d:\d\d:\d\d) \[(?<pid>\d+)\] ", RegexOptions.CultureInvariant)]
    private static partial Regex Prefix();

    [GeneratedRegex(@"\Gconnect from .* \((?<addr>[0-9A-Fa-f:.]+)\)$", RegexOptions.CultureInvariant)]
    private static partial Regex Connect();

    [GeneratedRegex(@"\Gsent (?<sent>\d+) bytes\s+received \d+ bytes", RegexOptions.CultureInvariant)]
    private static partial Regex Sent();
}
