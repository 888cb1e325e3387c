using DumpDist.Web.Hosting;
using DumpDist.Web.Qos;

namespace DumpDist.Web.Tests.Support;

/// <summary>A real Kestrel instance of the download service on 127.0.0.1:0 over a <see cref="TestTree"/>.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(TestTree tree, WebServer server)
    {
        Tree = tree;
        Server = server;
    }

    public TestTree Tree { get; }

    public WebServer Server { get; }

    public Uri BaseUri => Server.Address();

    public string Url(string path) => new Uri(BaseUri, path).ToString();

    public static async Task<RunningServer> StartAsync(TestTree tree, QosSettings? qos = null, Action<WebServerOptions>? configure = null)
    {
        var options = new WebServerOptions { Root = tree.Root, Qos = qos ?? QosSettings.Unlimited };
        options.Listen.Add("http://127.0.0.1:0");
        configure?.Invoke(options);
        var server = await WebServer.StartAsync(options);
        return new RunningServer(tree, server);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
