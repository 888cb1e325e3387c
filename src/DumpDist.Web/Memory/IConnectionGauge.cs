namespace DumpDist.Web.Memory;

/// <summary>How many connections are open now, and the most since the peak was last reset.</summary>
internal interface IConnectionGauge
{
    long Current { get; }

    long Peak { get; }

    void ResetPeak();
}
