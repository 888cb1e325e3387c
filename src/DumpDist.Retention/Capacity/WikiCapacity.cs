namespace DumpDist.Retention.Capacity;

/// <summary>One wiki's runs as the model sees them.</summary>
internal sealed record WikiCapacity(
    string Name,
    string Class,
    int Keep,
    int Runs,
    int GoodRuns,
    long Bytes,
    long MeanRunBytes,
    long SlopeBytesPerDay,
    double IntervalDays,
    long SteadyStateBytes);
