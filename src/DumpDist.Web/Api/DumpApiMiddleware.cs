using System.Text.Json;
using DumpDist.Core.Tree;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DumpDist.Web.Api;

/// <summary>
/// The dump-aware API under <c>/api/v1</c> (docs/api.md): wikis, runs with status and files, the
/// latest good run, production's index.json, "is this run complete", and latest files resolved
/// to the newest good run with an RSS feed each. Other paths pass to the next middleware.
/// </summary>
public sealed partial class DumpApiMiddleware
{
    private const string JsonContentType = "application/json; charset=utf-8";
    private const string RetryAfterSeconds = "2";
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    private readonly RequestDelegate _next;
    private readonly DumpApiOptions _options;
    private readonly BackgroundSnapshot<SnapshotDocuments> _cache;
    private readonly ILogger<DumpApiMiddleware> _logger;

    /// <summary>Creates the middleware.</summary>
    public DumpApiMiddleware(RequestDelegate next, IOptions<DumpApiOptions> options, TimeProvider timeProvider, ILogger<DumpApiMiddleware> logger)
    {
        _next = next;
        _options = options.Value;
        _logger = logger;
        var scanner = new IncrementalTreeScanner(_options.TreeRoot);
        _cache = new BackgroundSnapshot<SnapshotDocuments>(_ => SnapshotDocuments.Build(scanner.Scan(), WriterOptions), _options.SnapshotLifetime, _options.FirstSnapshotWait, timeProvider, logger);
        _cache.Start();
    }

    /// <summary>The tree changed (a sync pass published): the whole-tree snapshot is rebuilt now, in the background.</summary>
    public void TreeChanged() => _cache.TreeChanged();

    /// <summary>Handles API requests; passes everything else on.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments(_options.PathPrefix, StringComparison.Ordinal, out var rest))
        {
            return _next(context);
        }

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }

        var segments = (rest.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is ["wikis", var named, ..] && !DumpTree.IsSafeName(named))
        {
            return ErrorAsync(context, StatusCodes.Status400BadRequest, $"wiki name '{named}' is not one plain path segment (letters, digits, '-', '_', '.')");
        }

        if (segments is ["wikis", _, "runs", var dated, ..] && !RunDate.IsRunDirectoryName(dated))
        {
            return ErrorAsync(context, StatusCodes.Status400BadRequest, $"run date '{dated}' is not a date written YYYYMMDD (e.g. 20261101)");
        }

        return segments switch
        {
            ["index.json"] => IndexAsync(context),
            ["wikis"] => WikiListAsync(context),
            ["wikis", var wiki] => WithWiki(context, wiki, w => WriteJsonAsync(context, 200, writer => DumpApiJson.WriteWiki(writer, w))),
            ["wikis", var wiki, "runs"] => WithWiki(context, wiki, w => RunsAsync(context, w)),
            ["wikis", var wiki, "runs", var date] => WithRun(context, wiki, date, run => WriteJsonAsync(context, 200, writer => DumpApiJson.WriteRun(writer, run))),
            ["wikis", var wiki, "runs", var date, "complete"] => WithRun(context, wiki, date, run => CompleteAsync(context, run)),
            ["wikis", var wiki, "latest"] => WithWiki(context, wiki, w => LatestRunAsync(context, w)),
            ["wikis", var wiki, "latest", var file] => WithWiki(context, wiki, w => LatestFileAsync(context, w, file)),
            _ => NotFoundAsync(context, "no such API resource"),
        };
    }

    private async Task IndexAsync(HttpContext context)
    {
        if (await SnapshotDocumentsAsync(context) is { } documents)
        {
            await WriteBytesAsync(context, 200, JsonContentType, documents.Index);
        }
    }

    private async Task WikiListAsync(HttpContext context)
    {
        if (await SnapshotDocumentsAsync(context) is { } documents)
        {
            await WriteBytesAsync(context, 200, JsonContentType, documents.WikiList);
        }
    }

    private async Task<SnapshotDocuments?> SnapshotDocumentsAsync(HttpContext context)
    {
        var documents = await _cache.GetAsync(context.RequestAborted);
        if (documents is null)
        {
            await NotReadyAsync(context);
        }

        return documents;
    }

    private static Task RunsAsync(HttpContext context, WikiDumps wiki) =>
        WriteJsonAsync(context, 200, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("wiki", wiki.Name);
            writer.WriteStartArray("runs");
            foreach (var run in wiki.Runs)
            {
                DumpApiJson.WriteRun(writer, run);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    private static Task CompleteAsync(HttpContext context, DumpRun run) =>
        WriteJsonAsync(context, run.IsGood ? StatusCodes.Status200OK : StatusCodes.Status409Conflict, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("wiki", run.Wiki);
            writer.WriteString("date", run.Date);
            writer.WriteBoolean("complete", run.IsGood);
            writer.WriteString("state", RunStateNames.Of(run.State));
            writer.WriteEndObject();
        });

    private static Task LatestRunAsync(HttpContext context, WikiDumps wiki) =>
        wiki.LatestGoodRun is { } run
            ? WriteJsonAsync(context, 200, writer => DumpApiJson.WriteRun(writer, run))
            : NotFoundAsync(context, $"{wiki.Name} has no good run");

    private Task LatestFileAsync(HttpContext context, WikiDumps wiki, string latestName)
    {
        var isFeed = latestName.EndsWith("-rss.xml", StringComparison.Ordinal);
        var fileLatestName = isFeed ? latestName[..^"-rss.xml".Length] : latestName;
        var prefix = $"{wiki.Name}-latest-";
        if (!fileLatestName.StartsWith(prefix, StringComparison.Ordinal) || !DumpTree.IsSafeName(fileLatestName))
        {
            return NotFoundAsync(context, $"latest names look like {prefix}<name>");
        }

        var name = fileLatestName[prefix.Length..];
        var run = wiki.Runs.LastOrDefault(r => r.IsGood && File.Exists(Path.Combine(r.DirectoryPath, $"{wiki.Name}-{r.Date}-{name}")));
        if (run is null)
        {
            return NotFoundAsync(context, $"no good run of {wiki.Name} holds {name}");
        }

        var runFileName = $"{wiki.Name}-{run.Date}-{name}";
        if (!isFeed)
        {
            LogLatestResolved(_logger, fileLatestName, run.Date);
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"/{wiki.Name}/{run.Date}/{runFileName}";
            context.Response.Headers.CacheControl = "no-cache";
            return Task.CompletedTask;
        }

        // Never from the Host header: a client (or a cache in front) would choose the links.
        var baseUrl = _options.PublicUrl?.AbsoluteUri.TrimEnd('/') ?? string.Empty;
        var fileTime = new DateTimeOffset(File.GetLastWriteTimeUtc(Path.Combine(run.DirectoryPath, runFileName)), TimeSpan.Zero);
        var buffer = new MemoryStream();
        LatestFeedWriter.Write(buffer, baseUrl, run, fileLatestName, runFileName, fileTime);
        return WriteBytesAsync(context, 200, "application/rss+xml; charset=utf-8", buffer.ToArray());
    }

    private Task WithWiki(HttpContext context, string wikiName, Func<WikiDumps, Task> action) =>
        DumpTree.ScanWiki(_options.TreeRoot, wikiName) is { } wiki
            ? action(wiki)
            : NotFoundAsync(context, $"no wiki named {wikiName}");

    private Task WithRun(HttpContext context, string wikiName, string date, Func<DumpRun, Task> action) =>
        WithWiki(context, wikiName, wiki => wiki.FindRun(date) is { } run
            ? action(run)
            : NotFoundAsync(context, $"{wikiName} has no run {date}"));

    private static Task NotFoundAsync(HttpContext context, string message) => ErrorAsync(context, StatusCodes.Status404NotFound, message);

    private Task NotReadyAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "the tree is still being read after start; retry in a few seconds");
    }

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        WriteJsonAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("error", message);
            writer.WriteEndObject();
        });

    private static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        buffer.WriteByte((byte)'\n');
        return WriteBytesAsync(context, status, JsonContentType, buffer.ToArray());
    }

    private static Task WriteBytesAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        context.Response.Headers.CacheControl = "no-cache";
        return HttpMethods.IsHead(context.Request.Method)
            ? Task.CompletedTask
            : context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    [LoggerMessage(EventId = 4112, Level = LogLevel.Debug, Message = "Latest {Name} resolved to run {Date}")]
    private static partial void LogLatestResolved(ILogger logger, string name, string date);
}
