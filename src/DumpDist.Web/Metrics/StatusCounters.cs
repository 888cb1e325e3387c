using Prometheus;

namespace DumpDist.Web.Metrics;

/// <summary>Per-status request counters, resolved once per status code instead of per request.</summary>
internal sealed class StatusCounters(WebMetrics metrics)
{
    private readonly Counter.Child?[] _children = new Counter.Child?[600];

    public void Count(int status)
    {
        if (status is < 100 or >= 600)
        {
            metrics.Requests.WithLabels(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            return;
        }

        var child = _children[status] ??= metrics.Requests.WithLabels(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        child.Inc();
    }
}
