namespace DumpDist.Web.Qos;

/// <summary>Holds the current <see cref="QosSettings"/>; a reload swaps the snapshot atomically.</summary>
internal sealed class QosSettingsSource(QosSettings initial)
{
    private volatile QosSettings _current = initial;

    public QosSettings Current => _current;

    public void Update(QosSettings settings) => _current = settings;
}
