namespace DumpDist.Web.Hosting;

/// <summary>Where the web service's options come from: the cluster file (reloaded) or fixed command-line flags.</summary>
internal interface IWebOptionsSource
{
    /// <summary>The options as they are now.</summary>
    WebServerOptions Build();

    /// <summary>Calls <paramref name="onChange"/> when the options may have changed.</summary>
    IDisposable Subscribe(Action onChange);
}
