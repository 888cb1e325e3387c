using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DumpDist.Core.Configuration;

namespace DumpDist.Node.LoadBalancing;

/// <summary>
/// Renders an HAProxy 2.6 configuration for the cluster: a frontend per public service (plain web
/// in HTTP mode, HTTPS as TLS passthrough, rsync in TCP mode), each to a backend with one server per
/// host in <c>hosts</c>, health-checked on the node's admin listener (<c>/healthz/web</c>,
/// <c>/healthz/rsync</c>: 200 only where that service's clients should go). A failover is then a
/// health change the balancer sees within seconds, and adding a host is a cluster-file change.
/// </summary>
internal static class HaproxyConfigRenderer
{
    /// <summary>The node's health endpoint for the web service (plain and HTTPS).</summary>
    public const string WebHealthPath = "/healthz/web";

    /// <summary>The node's health endpoint for the rsync daemon.</summary>
    public const string RsyncHealthPath = "/healthz/rsync";

    /// <summary>Renders the configuration, or returns why the options do not fit the cluster.</summary>
    public static HaproxyRenderResult Render(ClusterConfig config, HaproxyRenderOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var warnings = new List<string>();
        var services = Plan(config, options, errors, warnings);
        CheckBindsDiffer(services, errors);
        if (options.AdminUsesTls && options.AdminCaFile is null)
        {
            errors.Add("the admin listeners use TLS but no admin CA is configured, so the health checks could not verify them");
        }

        if (errors.Count > 0)
        {
            return new HaproxyRenderResult(null, errors, warnings);
        }

        if (config.Services.Web is not null && config.Qos.TrustedProxies.Count == 0)
        {
            warnings.Add("qos.trusted_proxies is empty: the nodes will ignore X-Forwarded-For and PROXY headers and count every web client as the load balancer's address (qos.conn_limit would apply to all clients together); add the load balancer's addresses");
        }

        return new HaproxyRenderResult(Write(config, options, services), errors, warnings);
    }

    private static List<BalancedService> Plan(ClusterConfig config, HaproxyRenderOptions options, List<string> errors, List<string> warnings)
    {
        var services = new List<BalancedService>();
        var web = config.Services.Web;
        if (web is not null)
        {
            services.Add(new BalancedService(
                "web", Http: true, options.WebBind ?? HaproxyRenderOptions.DefaultWebBind, web.Listen.Port, WebHealthPath, SendProxy: false,
                "The node believes X-Forwarded-For only from qos.trusted_proxies."));
            if (web.HttpsListen is not null)
            {
                // TLS passes through, so X-Forwarded-For cannot be added; PROXY v2 carries the client
                // address instead. The web server reads it only from qos.trusted_proxies (and would
                // fail the handshake of anyone else's), hence only when that list is set.
                var sendProxy = config.Qos.TrustedProxies.Count > 0;
                services.Add(new BalancedService(
                    "web-https", Http: false, options.HttpsBind ?? HaproxyRenderOptions.DefaultHttpsBind, web.HttpsListen.Port, WebHealthPath, sendProxy,
                    sendProxy
                        ? "TLS passes through to the node; a PROXY v2 header (believed from qos.trusted_proxies) carries the client's address."
                        : "TLS passes through to the node, which sees the balancer's address (qos.trusted_proxies is empty, so no PROXY header)."));
            }
            else if (options.HttpsBind is not null)
            {
                errors.Add($"an HTTPS bind ({options.HttpsBind}) was given but services.web.https_listen is not set, so there is no HTTPS frontend");
            }
        }
        else
        {
            AddMissingServiceError(options.WebBind, "a web", "services.web", errors);
            AddMissingServiceError(options.HttpsBind, "an HTTPS", "services.web", errors);
        }

        var rsync = config.Services.Rsync;
        if (rsync is not null)
        {
            // One key drives both ends: the nodes render proxy protocol = yes from it, and the balancer sends the header.
            var sendProxy = rsync.ProxyProtocol;
            if (options.RsyncSendProxy && !sendProxy)
            {
                errors.Add("--rsync-send-proxy: set services.rsync.proxy_protocol: true in the cluster file instead; the nodes' rsync daemons accept a PROXY header only with it, and refuse every connection that starts with one otherwise");
            }

            services.Add(new BalancedService(
                "rsync", Http: false, options.RsyncBind ?? HaproxyRenderOptions.DefaultRsyncBind, rsync.Port, RsyncHealthPath, sendProxy,
                sendProxy
                    ? "A PROXY v2 header carries the mirror's address; the daemons run with proxy protocol = yes (services.rsync.proxy_protocol)."
                    : "The daemons see the balancer's address: hosts allow cannot tell mirrors apart (docs/load-balancing.md)."));
            if (!sendProxy && config.Mirrors.Any(m => m.Active))
            {
                warnings.Add("the rsync daemons will see every mirror as the load balancer's address, so hosts allow (the active mirrors) cannot tell them apart; set services.rsync.proxy_protocol: true (the balancer then sends a PROXY header and the daemons accept it; docs/load-balancing.md)");
            }

            if (sendProxy && config.Qos.TrustedProxies.Count == 0)
            {
                warnings.Add("services.rsync.proxy_protocol is on but qos.trusted_proxies is empty: the rsync daemons will take a PROXY header from any peer, so a client that reaches them directly can claim a mirror's address; add the load balancer's addresses");
            }
        }
        else
        {
            AddMissingServiceError(options.RsyncBind, "an rsync", "services.rsync", errors);
        }

        return services;
    }

    private static void AddMissingServiceError(HaproxyBind? bind, string what, string section, List<string> errors)
    {
        if (bind is not null)
        {
            errors.Add($"{what} bind ({bind}) was given but {section} is not set, so there is no such frontend");
        }
    }

    private static void CheckBindsDiffer(List<BalancedService> services, List<string> errors)
    {
        for (var i = 0; i < services.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (Overlaps(services[i].Bind, services[j].Bind))
                {
                    errors.Add($"the {services[j].Name} and {services[i].Name} frontends would share a socket ({services[j].Bind} and {services[i].Bind})");
                }
            }
        }
    }

    private static bool Overlaps(HaproxyBind a, HaproxyBind b) =>
        a.Port == b.Port && (IsWildcard(a.Address) || IsWildcard(b.Address) || a.Address!.Equals(b.Address));

    private static bool IsWildcard(IPAddress? address) =>
        address is null || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    private static string Write(ClusterConfig config, HaproxyRenderOptions options, List<BalancedService> services)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"""
            # HAProxy 2.6 configuration for the dumpdist cluster in {options.SourceName}.
            # Generated by `dumpdist lb haproxy`: regenerate it instead of editing it (docs/load-balancing.md).
            # Each server is health-checked on its node's admin listener, where /healthz/<service>
            # answers 200 only on the host that should receive that service's clients.
            # It holds no global section: load it after your own haproxy.cfg (logging, user, stats):
            #   haproxy -c -f /etc/haproxy/haproxy.cfg -f /etc/haproxy/dumpdist.cfg

            defaults dumpdist
                log global
                option dontlognull
                timeout connect 5s
                # Idle timeouts (no bytes either way), not limits on a transfer's length: a multi-hour
                # download that keeps moving is never cut. Long because an rsync daemon can be silent
                # while it walks a big tree; the node's qos.client_timeout drops stalled web clients sooner.
                timeout client 6h
                timeout server 6h
                timeout tunnel 6h
                timeout client-fin 30s
                timeout server-fin 30s
                timeout http-request 30s
                timeout http-keep-alive 60s
                timeout queue 30s
                timeout check 2s
                retries 2
                option redispatch
                # A failover is seen within about two seconds: one failed (or passed) check, then
                # fall/rise more at fastinter.
                # No "on-marked-down shutdown-sessions": a server marked down gets no new requests,
                # while the downloads and rsync sessions already on it run to the end.
                default-server inter 1s fastinter 500ms downinter 1s fall 2 rise 2

            """);

        foreach (var service in services)
        {
            WriteFrontend(text, service);
            WriteBackend(text, config, options, service);
        }

        return text.ToString();
    }

    private static void WriteFrontend(StringBuilder text, BalancedService service)
    {
        text.Append(CultureInfo.InvariantCulture, $"\nfrontend {service.Name} from dumpdist\n");
        text.Append(service.Http ? "    mode http\n" : "    mode tcp\n");
        text.Append(CultureInfo.InvariantCulture, $"    bind {service.Bind}\n");
        text.Append(CultureInfo.InvariantCulture, $"    default_backend {service.BackendName}\n");
    }

    private static void WriteBackend(StringBuilder text, ClusterConfig config, HaproxyRenderOptions options, BalancedService service)
    {
        text.Append(CultureInfo.InvariantCulture, $"\nbackend {service.BackendName} from dumpdist\n");
        text.Append(service.Http ? "    mode http\n" : "    mode tcp\n");
        text.Append(CultureInfo.InvariantCulture, $"    # {service.Comment}\n");
        if (service.Http)
        {
            text.Append("    option forwardfor\n");
        }

        text.Append("    balance roundrobin\n");
        text.Append("    option httpchk\n");
        text.Append(CultureInfo.InvariantCulture, $"    http-check send meth GET uri {service.HealthPath}\n");
        text.Append("    http-check expect status 200\n");
        foreach (var host in config.Hosts)
        {
            text.Append(CultureInfo.InvariantCulture, $"    server {host.Name} {ServerAddress(host.PublicAddress, service.ServerPort)} check addr {CheckAddress(host.AdminAddress.Host)} port {host.AdminAddress.Port}");
            if (options.AdminUsesTls)
            {
                text.Append(CultureInfo.InvariantCulture, $" check-ssl verify required ca-file {options.AdminCaFile}");
            }

            if (service.SendProxy)
            {
                text.Append(" send-proxy-v2");
            }

            text.Append('\n');
        }
    }

    private static string ServerAddress(IPAddress address, int port) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? $"[{address}]:{port.ToString(CultureInfo.InvariantCulture)}"
            : $"{address}:{port.ToString(CultureInfo.InvariantCulture)}";

    // HAProxy reads a bare IPv6 "addr" as host:port at its last colon, so it needs brackets. A
    // name stays a name: HAProxy resolves it when it starts (and refuses to start if it cannot).
    private static string CheckAddress(string host) =>
        IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{host}]" : host;
}
