using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DumpDist.Nfs.Tests.Support;

/// <summary>A node's admin API on Kestrel 127.0.0.1:0 serving a settable /api/v1/assignments body.</summary>
internal sealed class FakeAdminApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeAdminApi(WebApplication app) => _app = app;

    /// <summary>The JSON body, or null to answer 503.</summary>
    public string? Body { get; set; }

    public string? LastAuthorization { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeAdminApi> StartAsync(string? body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeAdminApi(app) { Body = body };
        app.MapGet("/api/v1/assignments", (HttpContext context) =>
        {
            api.LastAuthorization = context.Request.Headers.Authorization.ToString();
            return api.Body is null ? Results.StatusCode(503) : Results.Text(api.Body, "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
