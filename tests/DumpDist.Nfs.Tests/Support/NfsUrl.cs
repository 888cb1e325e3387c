namespace DumpDist.Nfs.Tests.Support;

/// <summary>libnfs URLs for the test servers (NFSv4 on a given port, no portmapper).</summary>
internal static class NfsUrl
{
    public static string For(int port, string path) => $"nfs://127.0.0.1/{path.TrimStart('/')}?version=4&nfsport={port}";
}
