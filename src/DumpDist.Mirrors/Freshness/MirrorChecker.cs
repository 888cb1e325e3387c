using System.Globalization;
using DumpDist.Core.Configuration;
using DumpDist.Core.Processes;

namespace DumpDist.Mirrors.Freshness;

/// <summary>
/// Fetches each mirror's copy of our trace file, over HTTP(S) (or rsync for rsync-only mirrors),
/// and compares it with ours. Every failure is a result, never an exception.
/// </summary>
internal sealed class MirrorChecker(HttpClient http, ChildProcessRunner runner, TimeProvider time, TimeSpan timeout)
{
    /// <summary>Checks every active mirror of <paramref name="mirrors"/> at once.</summary>
    public async Task<IReadOnlyList<MirrorCheckResult>> CheckAllAsync(IReadOnlyList<MirrorConfig> mirrors, MirrorTrace ours, CancellationToken cancellationToken) =>
        await Task.WhenAll(mirrors.Where(m => m.Active).Select(m => CheckAsync(m, ours, cancellationToken)));

    /// <summary>Checks one mirror.</summary>
    public async Task<MirrorCheckResult> CheckAsync(MirrorConfig mirror, MirrorTrace ours, CancellationToken cancellationToken)
    {
        var url = TraceUrl(mirror.Url);
        var (text, problem) = mirror.Url.Scheme switch
        {
            "http" or "https" => await FetchHttpAsync(url, cancellationToken),
            "rsync" => await FetchRsyncAsync(url, cancellationToken),
            _ => (null, $"{mirror.Url.Scheme} mirrors are not checked"),
        };
        var now = time.GetUtcNow();
        if (problem is not null)
        {
            return new MirrorCheckResult(mirror.Name, text is null && problem.StartsWith("missing", StringComparison.Ordinal) ? MirrorCheckStatus.WrongContent : MirrorCheckStatus.Unreachable, problem, now, null, url.ToString());
        }

        return Compare(mirror.Name, MirrorTrace.TryParse(text), ours, now, url.ToString());
    }

    /// <summary>The verdict for a mirror whose trace is <paramref name="theirs"/> (null: not a trace).</summary>
    internal static MirrorCheckResult Compare(string name, MirrorTrace? theirs, MirrorTrace ours, DateTimeOffset now, string url)
    {
        if (theirs is null)
        {
            return new MirrorCheckResult(name, MirrorCheckStatus.WrongContent, "the file there is not a dumpdist trace", now, null, url);
        }

        if (theirs.Digest == ours.Digest)
        {
            return new MirrorCheckResult(name, MirrorCheckStatus.Fresh, string.Create(CultureInfo.InvariantCulture, $"has the runs of {ours.Updated:yyyy-MM-ddTHH:mm:ssZ}"), now, null, url);
        }

        if (theirs.Updated < ours.Updated)
        {
            var lag = ours.Updated - theirs.Updated;
            return new MirrorCheckResult(name, MirrorCheckStatus.Stale, string.Create(CultureInfo.InvariantCulture, $"has the runs of {theirs.Updated:yyyy-MM-ddTHH:mm:ssZ}, {FormatLag(lag)} behind"), now, lag, url);
        }

        return new MirrorCheckResult(name, MirrorCheckStatus.WrongContent, string.Create(CultureInfo.InvariantCulture, $"its trace ({theirs.Updated:yyyy-MM-ddTHH:mm:ssZ}) is not one of ours (ours: {ours.Updated:yyyy-MM-ddTHH:mm:ssZ})"), now, null, url);
    }

    /// <summary>A lag in whole days, hours and minutes.</summary>
    internal static string FormatLag(TimeSpan lag) =>
        lag.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)lag.TotalDays}d{lag.Hours}h")
        : lag.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)lag.TotalHours}h{lag.Minutes}m")
        : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)lag.TotalMinutes)}m");

    private static Uri TraceUrl(Uri mirror)
    {
        var text = mirror.ToString();
        return new Uri(text.EndsWith('/') ? text + MirrorTrace.FileName : text + "/" + MirrorTrace.FileName);
    }

    private async Task<(string? Text, string? Problem)> FetchHttpAsync(Uri url, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return (null, "missing: 404 for the trace file");
            }

            if (!response.IsSuccessStatusCode)
            {
                return (null, string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode}"));
            }

            if (response.Content.Headers.ContentLength > 64 * 1024)
            {
                return (string.Empty, null);
            }

            return (await response.Content.ReadAsStringAsync(deadline.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, string.Create(CultureInfo.InvariantCulture, $"no answer in {timeout.TotalSeconds:0} s"));
        }
        catch (HttpRequestException ex)
        {
            return (null, ex.Message);
        }
    }

    private async Task<(string? Text, string? Problem)> FetchRsyncAsync(Uri url, CancellationToken cancellationToken)
    {
        // "rsync URL" with no destination lists; --out-format prints nothing, so copy to a temp file.
        var target = Path.Combine(Path.GetTempPath(), $"dumpdist-trace-{Guid.NewGuid():N}");
        try
        {
            var seconds = ((int)Math.Ceiling(timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var result = await runner.RunAsync(
                new ChildProcessSpec("rsync", ["--contimeout=" + seconds, "--timeout=" + seconds, url.ToString(), target]) { Timeout = timeout * 2 },
                cancellationToken);
            if (result.Outcome == ChildProcessOutcome.Exited && result.ExitCode == 23)
            {
                return (null, "missing: rsync found no trace file");
            }

            if (!result.Succeeded)
            {
                return (null, result.Describe("rsync"));
            }

            return (await File.ReadAllTextAsync(target, cancellationToken), null);
        }
        finally
        {
            File.Delete(target);
        }
    }
}
