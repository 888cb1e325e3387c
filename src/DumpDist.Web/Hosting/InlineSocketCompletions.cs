using System.Net.Sockets;
using System.Reflection;

namespace DumpDist.Web.Hosting;

/// <summary>
/// Runs socket completions on the socket engine's own epoll thread instead of handing each one to
/// the thread pool (.NET's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS</c>). A download at a
/// client's pace is a stream of "socket writable" events; inline, each one is a sendfile(2) on the
/// epoll thread, which is how nginx's event loop works, instead of a thread-pool wake-up, a
/// sendfile and a sleep (measured at 4 x 150 MB/s: context switches per 4 GiB about 7,400 before,
/// about 2,500 with this and 64 MiB sendfile pieces; nginx 2,200 to 2,400). Kestrel already runs
/// requests inline (<c>UnsafePreferInlineScheduling</c>), so with this they run on an epoll thread:
/// what can take long is sent to the thread pool (listing scans, <see cref="Listings.ListingCache"/>),
/// and our own socket awaits resume on the pool (<see cref="Serving.BodyTransfer"/>).
/// </summary>
/// <remarks>
/// The runtime reads the variable once, when the first socket is used, so this must run before
/// any socket exists. An operator who sets the variable (to 0 to turn it off) wins.
/// </remarks>
public static class InlineSocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Turns inline completions on unless the variable is already set.</summary>
    public static void PreferUnlessConfigured()
    {
        if (Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }

    /// <summary>Whether this process's socket engine runs completions inline (null: the runtime does not say).</summary>
    public static bool? InEffect() =>
        typeof(Socket).Assembly.GetType("System.Net.Sockets.SocketAsyncEngine")
            ?.GetField("InlineSocketCompletionsEnabled", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
            ?.GetValue(null) as bool?;
}
