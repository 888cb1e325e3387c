using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace DumpDist.Web.Serving;

/// <summary>
/// Tells Kestrel about body bytes we sent on its socket with sendfile(2), so that its
/// Content-Length check (too few bytes written → error log and connection abort) sees the truth
/// and keeps the connection alive. Kestrel has no public API for this; the count lives in
/// HttpProtocol's private <c>_responseBytesWritten</c>. The accessor is probed once; if the
/// field is not there (a Kestrel version that renamed it) zero-copy is switched off and every
/// body goes through the copying path instead.
/// </summary>
internal static class KestrelBodyAccounting
{
    private const string HttpProtocolType = "Microsoft.AspNetCore.Server.Kestrel.Core.Internal.Http.HttpProtocol, Microsoft.AspNetCore.Server.Kestrel.Core";
    private static readonly Type? ProtocolType = Type.GetType(HttpProtocolType, throwOnError: false);
    private static int _state; // 0 unknown, 1 works, -1 unavailable

    /// <summary>True when the features collection is Kestrel's HTTP/1.x protocol object and its counter is reachable.</summary>
    public static bool IsAvailable(HttpContext context)
    {
        if (_state < 0)
        {
            return false;
        }

        var features = context.Features;
        if (ProtocolType is null || !ProtocolType.IsInstanceOfType(features))
        {
            return false;
        }

        if (_state == 0)
        {
            try
            {
                _ = ResponseBytesWritten(features);
                _state = 1;
            }
            catch (Exception e) when (e is MissingFieldException or TypeLoadException or InvalidCastException)
            {
                _state = -1;
                return false;
            }
        }

        return true;
    }

    public static void AddWritten(HttpContext context, long bytes) => ResponseBytesWritten(context.Features) += bytes;

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_responseBytesWritten")]
    private static extern ref long ResponseBytesWritten([UnsafeAccessorType(HttpProtocolType)] object protocol);
}
