using System.Text.Json;
using DumpDist.Web.Api;
using DumpDist.Web.Confinement;
using DumpDist.Web.Drain;
using DumpDist.Web.Listings;
using DumpDist.Web.Logging;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;
using DumpDist.Web.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Hosting;

/// <summary>
/// The single request delegate of the public listener: a chain of guard clauses (method, block
/// lists, health, path confinement) and then a file or a listing. One delegate instead of a
/// middleware pipeline keeps the per-request cost near nginx's.
/// </summary>
internal sealed class WebRequestHandler(
    ResourceResolver resolver,
    ListingCache listings,
    FileResponder files,
    DumpApiMiddleware api,
    QosSettingsSource qos,
    DrainState drain,
    WebMetrics metrics,
    AccessLogWriter? accessLog,
    TimeProvider time,
    ILogger logger,
    IStatusPage? statusPage = null,
    IDownloadAlternatives? alternatives = null,
    Uri? publicUrl = null,
    IReadOnlyList<string>? indexFiles = null)
{
    /// <summary>The query that asks for the generated listing of a directory that has an index page (<c>/enwiki/20261101/?listing</c>).</summary>
    public const string ListingQuery = "listing";

    public const string HealthPath = "/-/health";
    private const string ApiPrefix = "/api/";
    private readonly StatusCounters _statuses = new(metrics);

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var method = request.Method;
        var started = accessLog is null ? default : time.GetLocalNow();
        var client = new ClientIdentity(ClientAddressResolver.Resolve(context, qos.Current), request.Headers.UserAgent.ToString());
        long bytes = 0;
        try
        {
            bytes = await DispatchAsync(context, method, client);
        }
        finally
        {
            var status = context.Response.StatusCode;
            _statuses.Count(status);
            accessLog?.Write(client.Address, started, method, context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/",
                request.Protocol, status, bytes, request.Headers.Referer.ToString() is { Length: > 0 } referer ? referer : null, client.UserAgent.Length > 0 ? client.UserAgent : null);
        }
    }

    private async Task<long> DispatchAsync(HttpContext context, string method, ClientIdentity client)
    {
        var request = context.Request;
        var isHead = HttpMethods.IsHead(method);
        if (!isHead && !HttpMethods.IsGet(method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            return await Responses.TextAsync(context, StatusCodes.Status405MethodNotAllowed, "Only GET and HEAD are supported\n");
        }

        var settings = qos.Current;
        var allowed = settings.AllowCidrs.Count > 0 && QosSettings.Contains(settings.AllowCidrs, client.Address);
        if (!allowed && QosSettings.Contains(settings.BlockCidrs, client.Address))
        {
            return await BlockAsync(context, client, "address in a blocked network");
        }

        if (!allowed && settings.BlockUserAgents.Count > 0 && client.UserAgent.Length > 0)
        {
            foreach (var pattern in settings.BlockUserAgents)
            {
                if (pattern.IsMatch(client.UserAgent))
                {
                    return await BlockAsync(context, client, "User-Agent matches " + pattern);
                }
            }
        }

        var path = request.Path.Value;
        if (path == HealthPath)
        {
            return await HealthAsync(context);
        }

        if (statusPage is not null && (path == IStatusPage.HtmlPath || path == IStatusPage.JsonPath))
        {
            context.Response.Headers.CacheControl = "no-store";
            var json = path == IStatusPage.JsonPath;
            var body = await statusPage.RenderAsync(json, context.RequestAborted);
            return await Responses.BytesAsync(context, StatusCodes.Status200OK, json ? "application/json" : "text/html; charset=utf-8", body);
        }

        if (path is not null && path.StartsWith(ApiPrefix, StringComparison.Ordinal))
        {
            await api.InvokeAsync(context);
            return context.Response.ContentLength ?? 0;
        }

        var verdict = RequestPathValidator.Validate(path, out var relative);
        if (verdict != PathVerdict.Ok)
        {
            WebLog.RejectedPath(logger, path ?? string.Empty, verdict.ToString());
            return verdict == PathVerdict.BadRequest
                ? await Responses.TextAsync(context, StatusCodes.Status400BadRequest, "Bad request path\n")
                : await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found\n");
        }

        var resource = resolver.Resolve(relative);
        switch (resource.Kind)
        {
            case ResourceKind.File:
                if (path!.EndsWith('/'))
                {
                    return await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found\n");
                }

                if (alternatives?.LinksFor(resource) is { Count: > 0 } links)
                {
                    context.Response.Headers.Link = links.ToArray();
                }

                return await files.ServeAsync(context, resource, client, isHead);
            case ResourceKind.Directory:
                return await DirectoryAsync(context, resource, path!, client, isHead);
            default:
                if (alternatives is not null
                    && await alternatives.TryRenderAsync(relative, publicUrl, context.RequestAborted) is { } document)
                {
                    return await Responses.BytesAsync(context, StatusCodes.Status200OK, document.ContentType, document.Body);
                }

                return await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found\n");
        }
    }

    private async Task<long> DirectoryAsync(HttpContext context, Resource directory, string path, ClientIdentity client, bool isHead)
    {
        if (!path.EndsWith('/'))
        {
            context.Response.Headers.Location = Uri.EscapeDataString(path[(path.LastIndexOf('/') + 1)..]) + "/" + context.Request.QueryString;
            return await Responses.TextAsync(context, StatusCodes.Status301MovedPermanently, "Moved\n");
        }

        // As nginx and production: a directory's own page (a run's progress page, the main index)
        // when it has one; the generated listing stays at ?listing, and JSON clients always get it.
        if (!context.Request.Query.ContainsKey(ListingQuery) && !WantsJson(context.Request) && FindIndexPage(directory) is { } page)
        {
            context.Response.Headers.Vary = "Accept";
            return await files.ServeAsync(context, page, client, isHead);
        }

        return await ListingAsync(context, directory, path);
    }

    private Resource? FindIndexPage(Resource directory)
    {
        foreach (var name in indexFiles ?? [])
        {
            var page = resolver.Resolve(directory.RelativePath.Length == 0 ? name : directory.RelativePath + "/" + name);
            if (page.Kind == ResourceKind.File)
            {
                return page;
            }
        }

        return null;
    }

    private async Task<long> ListingAsync(HttpContext context, Resource directory, string path)
    {
        var listing = await listings.GetAsync(directory, path);
        var headers = context.Response.Headers;
        headers.ETag = listing.ETag;
        headers.Vary = "Accept";
        if (context.Request.Headers.IfNoneMatch.ToString() == listing.ETag)
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return 0;
        }

        return WantsJson(context.Request)
            ? await Responses.BytesAsync(context, StatusCodes.Status200OK, "application/json", listing.Json)
            : await Responses.BytesAsync(context, StatusCodes.Status200OK, "text/html; charset=utf-8", listing.Html);
    }

    private static bool WantsJson(HttpRequest request)
    {
        if (request.Query.TryGetValue("format", out var format))
        {
            return format == "json";
        }

        var accept = request.Headers.Accept.ToString();
        return accept.Contains("application/json", StringComparison.OrdinalIgnoreCase)
            && !accept.Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<long> HealthAsync(HttpContext context)
    {
        var draining = drain.IsDraining;
        var body = JsonSerializer.SerializeToUtf8Bytes(HealthReport.Of(draining, drain.Since));
        context.Response.Headers.CacheControl = "no-store";
        return await Responses.BytesAsync(context, draining ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, "application/json", body);
    }

    private async Task<long> BlockAsync(HttpContext context, ClientIdentity client, string reason)
    {
        metrics.Blocked.Inc();
        WebLog.Blocked(logger, client.Address, client.UserAgent, reason);
        return await Responses.TextAsync(context, StatusCodes.Status403Forbidden, "Forbidden\n");
    }
}
