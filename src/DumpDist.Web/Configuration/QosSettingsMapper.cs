using System.Text.RegularExpressions;
using DumpDist.Core.Configuration;
using DumpDist.Web.Qos;

namespace DumpDist.Web.Configuration;

/// <summary>Turns the cluster file's <c>qos:</c> section into the runtime <see cref="QosSettings"/>.</summary>
internal static class QosSettingsMapper
{
    public static QosSettings From(QosConfig config) => new()
    {
        ConnLimit = config.ConnLimit,
        Rate = config.Rate,
        RateAfter = config.RateAfter,
        IpRate = config.IpRate,
        GlobalRate = config.GlobalRate,
        AllowCidrs = config.AllowCidrs,
        BlockCidrs = config.BlockCidrs,
        TrustedProxies = config.TrustedProxies,
        // The loader has already rejected patterns that do not compile; the match timeout stops a
        // pathological pattern from stalling requests.
        BlockUserAgents = [.. config.BlockUserAgents.Select(p => new Regex(p, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(20)))],
        ClientTimeout = config.ClientTimeout,
        MaxRanges = config.MaxRanges,
    };
}
