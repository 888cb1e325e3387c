using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DumpDist.Core.Cluster;
using DumpDist.Core.Configuration;
using DumpDist.Node.Assignments;
using DumpDist.Node.Assignments.Peers;
using DumpDist.Node.Health;
using DumpDist.Node.Status;
using DumpDist.Sync.Publishing;
using DumpDist.Sync.Scheduling;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Admin;

/// <summary>
/// The admin API (docs/admin-api.md). <c>/healthz/&lt;service&gt;</c> answers anyone (load
/// balancers); every other path needs a configured bearer token, and a call without the right
/// one gets 401 and changes nothing.
/// </summary>
internal sealed partial class AdminRequestHandler(
    AdminTokens tokens,
    NodeHealth health,
    NodeStateBuilder state,
    IAssignmentStore store,
    FailoverCoordinator coordinator,
    SyncScheduler? scheduler,
    NodeMetrics metrics,
    ILogger<AdminRequestHandler> logger)
{
    private const string HealthPrefix = "/healthz/";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        context.Response.Headers.CacheControl = "no-store";
        if (path.StartsWith(HealthPrefix, StringComparison.Ordinal) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            await HealthAsync(context, path[HealthPrefix.Length..]);
            return;
        }

        var token = tokens.Authenticate(request.Headers.Authorization.ToString());
        if (token is null)
        {
            LogUnauthorized(logger, request.Method, path, context.Connection.RemoteIpAddress?.ToString() ?? "?");
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await TextAsync(context, StatusCodes.Status401Unauthorized, "401 unauthorized: a valid admin token is required (Authorization: Bearer ...)\n");
            return;
        }

        var ct = context.RequestAborted;
        switch ((request.Method, path))
        {
            case ("GET", "/api/v1/state"):
                await JsonAsync(context, 200, state.Build(), ClusterJsonContext.Default.NodeState);
                return;
            case ("GET", "/api/v1/assignments"):
                await JsonAsync(context, 200, store.Current, ClusterJsonContext.Default.AssignmentSet);
                return;
            case ("GET", "/api/v1/changes"):
                var after = long.TryParse(request.Query["after"], out var a) ? a : 0;
                IReadOnlyList<AssignmentChange> changes = store is PeersAssignmentStore peers ? peers.ChangesAfter(after) : [];
                await JsonAsync(context, 200, changes, ClusterJsonContext.Default.IReadOnlyListAssignmentChange);
                return;
            case ("PUT", "/api/v1/changes"):
                if (await ReadAsync(context, ClusterJsonContext.Default.AssignmentChange) is { } change)
                {
                    await store.AcceptAsync(change, ct);
                    await JsonAsync(context, 200, store.Current, ClusterJsonContext.Default.AssignmentSet);
                }

                return;
            case ("POST", "/api/v1/failover"):
                if (await ReadAsync(context, ClusterJsonContext.Default.FailoverRequest) is { } failover)
                {
                    var response = await coordinator.FailoverAsync(failover, token, ct);
                    LogChange(logger, "failover", token, response.Ok, response.Message);
                    await JsonAsync(context, response.Ok ? 200 : 409, response, ClusterJsonContext.Default.ChangeResponse);
                }

                return;
            case ("POST", "/api/v1/drain"):
            case ("POST", "/api/v1/undrain"):
                if (await ReadAsync(context, ClusterJsonContext.Default.DrainRequest) is { } drain)
                {
                    var undrain = path.EndsWith("/undrain", StringComparison.Ordinal);
                    var response = undrain ? await coordinator.UndrainAsync(drain, token, ct) : await coordinator.DrainAsync(drain, token, ct);
                    LogChange(logger, undrain ? "undrain" : "drain", token, response.Ok, response.Message);
                    await JsonAsync(context, response.Ok ? 200 : 409, response, ClusterJsonContext.Default.ChangeResponse);
                }

                return;
            case ("GET", "/api/v1/audit"):
                var limit = int.TryParse(request.Query["limit"], out var l) && l > 0 ? Math.Min(l, 1000) : 50;
                await JsonAsync(context, 200, await store.AuditAsync(limit, ct), ClusterJsonContext.Default.IReadOnlyListAuditRecord);
                return;
            case ("POST", "/api/v1/sync"):
                await SyncAsync(context, ct);
                return;
            case ("GET", "/metrics"):
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await metrics.ExportAsync(context.Response.Body, ct);
                return;
            default:
                await TextAsync(context, StatusCodes.Status404NotFound, $"404 not found: {request.Method} {path} (see docs/admin-api.md)\n");
                return;
        }
    }

    private async Task HealthAsync(HttpContext context, string service)
    {
        if (!ServiceKinds.TryParse(service, out _))
        {
            await TextAsync(context, StatusCodes.Status404NotFound, $"unknown service '{service}' (web, rsync, nfs-vps, nfs-analytics)\n");
            return;
        }

        var found = health.Services().FirstOrDefault(s => s.Name == service);
        if (found is null)
        {
            await TextAsync(context, StatusCodes.Status404NotFound, $"{service} is not configured\n");
            return;
        }

        await TextAsync(context, found.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, $"{(found.Healthy ? "ok" : "unavailable")}: {found.Detail}\n");
    }

    private async Task SyncAsync(HttpContext context, CancellationToken cancellationToken)
    {
        if (scheduler is null)
        {
            await TextAsync(context, StatusCodes.Status404NotFound, "this node runs no sync\n");
            return;
        }

        string? dataset = context.Request.Query["dataset"].ToString() is { Length: > 0 } d ? d : null;
        if (dataset is not null && !scheduler.Datasets.Contains(dataset))
        {
            await TextAsync(context, StatusCodes.Status404NotFound, $"no dataset '{dataset}' (datasets: {string.Join(", ", scheduler.Datasets)})\n");
            return;
        }

        var names = dataset is null ? scheduler.Datasets.ToList() : [dataset];
        var pass = scheduler.TriggerNowAsync(dataset, CancellationToken.None);
        LogSyncTriggered(logger, string.Join(", ", names));
        if (context.Request.Query["wait"] != "true")
        {
            await JsonAsync(context, StatusCodes.Status202Accepted, new SyncTriggerResponse { Datasets = names }, ClusterJsonContext.Default.SyncTriggerResponse);
            return;
        }

        var results = await pass.WaitAsync(cancellationToken);
        var outcomes = names.Zip(results).ToDictionary(p => p.First, p => p.Second.Outcome.ToName(), StringComparer.Ordinal);
        var ok = results.All(r => r.Succeeded);
        await JsonAsync(context, ok ? 200 : 502, new SyncTriggerResponse { Datasets = names, Outcomes = outcomes }, ClusterJsonContext.Default.SyncTriggerResponse);
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
            if (value is not null)
            {
                return value;
            }
        }
        catch (JsonException e)
        {
            await TextAsync(context, StatusCodes.Status400BadRequest, $"400 bad request: the body is not a valid {typeof(T).Name}: {e.Message}\n");
            return null;
        }

        await TextAsync(context, StatusCodes.Status400BadRequest, $"400 bad request: a JSON {typeof(T).Name} body is required\n");
        return null;
    }

    private static async Task JsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, type, context.RequestAborted);
    }

    private static async Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(5101, LogLevel.Warning, "Admin call without a valid token refused: {Method} {Path} from {Client}")]
    private static partial void LogUnauthorized(ILogger logger, string method, string path, string client);

    [LoggerMessage(5102, LogLevel.Information, "Admin {Action} by token {Token}: ok={Ok}: {Message}")]
    private static partial void LogChange(ILogger logger, string action, string token, bool ok, string message);

    [LoggerMessage(5103, LogLevel.Information, "Sync pass requested through the admin API: {Datasets}")]
    private static partial void LogSyncTriggered(ILogger logger, string datasets);
}
