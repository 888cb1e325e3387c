using DumpDist.Web.Drain;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;

namespace DumpDist.Web.Hosting;

/// <summary>What one web service keeps across listener swaps: limits in force, drain state, counters, the status page.</summary>
internal sealed record WebServerParts(QosSettingsSource Qos, DrainState Drain, WebMetrics Metrics, IStatusPage? StatusPage, Serving.IDownloadAlternatives? Alternatives = null);
