using System.Net;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>qos</c> (optional; every key has a production default).</summary>
internal static class QosBinder
{
    public static readonly string[] Keys =
    [
        "conn_limit", "rate", "rate_after", "ip_rate", "global_rate", "allow_cidrs", "block_cidrs",
        "block_user_agents", "trusted_proxies", "client_timeout", "max_ranges",
    ];

    public static QosConfig Bind(MappingReader root)
    {
        var defaults = new QosConfig();
        var map = root.Mapping("qos", Keys);
        if (map is null)
        {
            return defaults;
        }

        var bytes = Scalars.Size(1);
        var timeout = map.Parse<TimeSpan>("client_timeout", Scalars.Duration);
        if (timeout == TimeSpan.Zero)
        {
            map.Reader.Error(map.Reader.Positions.Of(map.PathOf("client_timeout")), map.PathOf("client_timeout"), "must be longer than 0s");
        }

        return new QosConfig
        {
            ConnLimit = map.Parse("conn_limit", Scalars.Count()) ?? defaults.ConnLimit,
            Rate = map.Parse("rate", bytes) ?? defaults.Rate,
            RateAfter = map.Parse("rate_after", bytes) ?? defaults.RateAfter,
            IpRate = map.Parse("ip_rate", bytes) ?? defaults.IpRate,
            GlobalRate = map.Parse("global_rate", bytes) ?? defaults.GlobalRate,
            AllowCidrs = map.List<IPNetwork>("allow_cidrs", Scalars.Network) ?? defaults.AllowCidrs,
            BlockCidrs = map.List<IPNetwork>("block_cidrs", Scalars.Network) ?? defaults.BlockCidrs,
            BlockUserAgents = map.List<string>("block_user_agents", Scalars.Pattern) ?? defaults.BlockUserAgents,
            TrustedProxies = map.List<IPNetwork>("trusted_proxies", Scalars.Network) ?? defaults.TrustedProxies,
            ClientTimeout = timeout ?? defaults.ClientTimeout,
            MaxRanges = map.Parse("max_ranges", Scalars.Count(1)) ?? defaults.MaxRanges,
        };
    }
}
