using Prometheus;

namespace DumpDist.Web.Metrics;

/// <summary>Prometheus metrics of the download service, in a registry of its own (one per server instance).</summary>
internal sealed class WebMetrics
{
    public WebMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Requests = factory.CreateCounter("dumpdist_web_requests_total", "HTTP requests answered, by status code.", "status");
        BytesSent = factory.CreateCounter("dumpdist_web_sent_bytes_total", "Response body bytes sent.");
        ActiveDownloads = factory.CreateGauge("dumpdist_web_active_downloads", "File downloads in progress.");
        Limited = factory.CreateCounter("dumpdist_web_limited_total", "Requests refused by the per-client connection cap (429).");
        Blocked = factory.CreateCounter("dumpdist_web_blocked_total", "Requests refused by the User-Agent or CIDR block lists (403).");
        Drained = factory.CreateCounter("dumpdist_web_drained_total", "Downloads refused while draining (503).");
        ZeroCopyBytes = factory.CreateCounter("dumpdist_web_sendfile_bytes_total", "Body bytes sent with sendfile(2).");
        SendBufferRaised = factory.CreateCounter("dumpdist_web_send_buffer_raised_total", "Downloads whose client kept up with autotuning's largest send buffer and got one twice that size.");
    }

    public CollectorRegistry Registry { get; }

    public Counter Requests { get; }

    public Counter BytesSent { get; }

    public Gauge ActiveDownloads { get; }

    public Counter Limited { get; }

    public Counter Blocked { get; }

    public Counter Drained { get; }

    public Counter ZeroCopyBytes { get; }

    public Counter SendBufferRaised { get; }
}
