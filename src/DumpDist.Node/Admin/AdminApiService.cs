using System.Net;
using DumpDist.Core.Configuration.Source;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Admin;

/// <summary>
/// The admin listener on <c>hosts[].admin_address</c>, never a public port; TLS when the cluster
/// file names an admin certificate. Started first and stopped last, so health checks and the
/// status keep answering while the services start and drain.
/// </summary>
internal sealed partial class AdminApiService(IClusterConfigSource config, string hostName, AdminSettings settings, AdminRequestHandler handler, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The bound address (the real port when 0 was configured).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var host = config.Current.FindHost(hostName) ?? throw new InvalidOperationException($"host '{hostName}' is not in the cluster file");
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { Args = [] });
        builder.Services.AddSingleton(loggers);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            var endPoint = EndPointOf(host.AdminAddress.Host, host.AdminAddress.Port);
            kestrel.Listen(endPoint, listen =>
            {
                if (settings.Certificate is { } certificate)
                {
                    listen.UseHttps(System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificate, settings.CertificateKey));
                }
            });
        });
        var app = builder.Build();
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"admin API cannot listen on {host.AdminAddress}: {e.Message}", e);
        }

        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound);
        LogListening(loggers.CreateLogger("DumpDist.Node.Admin"), bound);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync(cancellationToken);
            await app.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private static IPEndPoint EndPointOf(string host, int port) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var address)
            ? new IPEndPoint(address, port)
            : new IPEndPoint(host == "localhost" ? IPAddress.Loopback : Dns.GetHostAddresses(host)[0], port);

    [LoggerMessage(5001, LogLevel.Information, "Admin API listening on {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
