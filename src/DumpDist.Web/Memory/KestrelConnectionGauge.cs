using System.Diagnostics.Metrics;

namespace DumpDist.Web.Memory;

/// <summary>
/// Open connections of one Kestrel server and the most seen since the last <see cref="ResetPeak"/>,
/// read from Kestrel's own <c>kestrel.active_connections</c> instrument (so no per-connection
/// state of ours). Only the meters of the given factory count, so two servers in one process
/// (a node swapping listeners, tests) do not see each other's connections.
/// </summary>
internal sealed class KestrelConnectionGauge : IConnectionGauge, IDisposable
{
    private const string KestrelMeter = "Microsoft.AspNetCore.Server.Kestrel";
    private const string ActiveConnections = "kestrel.active_connections";
    private readonly MeterListener _listener = new();
    private long _current;
    private long _peak;

    public KestrelConnectionGauge(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KestrelMeter && instrument.Name == ActiveConnections && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument, this);
            }
        };
        _listener.SetMeasurementEventCallback<long>(static (_, delta, _, state) => ((KestrelConnectionGauge)state!).Add(delta));
        _listener.Start();
    }

    public long Current => Interlocked.Read(ref _current);

    public long Peak => Interlocked.Read(ref _peak);

    public void ResetPeak() => Interlocked.Exchange(ref _peak, Current);

    public void Dispose() => _listener.Dispose();

    private void Add(long delta)
    {
        var now = Interlocked.Add(ref _current, delta);
        long peak;
        while (now > (peak = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }
    }
}
