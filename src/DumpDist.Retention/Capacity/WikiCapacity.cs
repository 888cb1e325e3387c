namespace DumpDist.Retention.Capacity;

/// <summary>One wiki's runs as the model sees them.</summary>
internal sealed record WikiCapacity(
    string Name,
    string Class,
    int Keep,
    int Runs,
    int GoodRuns,
    long Bytes,
    double MeanRunBytes,
    double SlopeBytesPerDay,
    double IntervalDays,
    double SteadyStateBytes);
