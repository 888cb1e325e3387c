using System.Text.Json;
using DumpDist.Web.Drain;
using DumpDist.Web.Logging;
using DumpDist.Web.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace DumpDist.Web.Hosting;

/// <summary>
/// The admin listener of the standalone web service: GET /metrics (Prometheus), GET /health,
/// POST /drain and POST /undrain. Bind it to a private address; it has no authentication of its
/// own (the node's admin API, with its token, replaces it when running inside `dumpdist node`).
/// </summary>
internal static class AdminEndpoints
{
    // drainDeadline: used when POST /drain gives no deadline (services.web.drain_deadline); null means none.
    public static WebApplication Build(string listen, DrainState drain, TimeSpan? drainDeadline, WebMetrics metrics, ILoggerFactory loggerFactory, ILogger logger)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore();
        ListenAddress.TryParse(listen, out var endPoint, out _);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(endPoint));
        var app = builder.Build();
        app.Run(async context =>
        {
            var path = context.Request.Path.Value;
            var post = HttpMethods.IsPost(context.Request.Method);
            switch (path)
            {
                case "/metrics" when HttpMethods.IsGet(context.Request.Method):
                    context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                    await metrics.Registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
                    return;
                case "/health":
                    context.Response.ContentType = "application/json";
                    await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(HealthReport.Of(drain.IsDraining, drain.Since)), context.RequestAborted);
                    return;
                case "/drain" when post:
                    // POST /drain?deadline=SECONDS: downloads still running after it are cut off.
                    drain.Start(int.TryParse(context.Request.Query["deadline"], out var seconds) && seconds > 0 ? TimeSpan.FromSeconds(seconds) : drainDeadline);
                    WebLog.DrainStarted(logger);
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                case "/undrain" when post:
                    drain.Stop();
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                default:
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
            }
        });
        return app;
    }
}
