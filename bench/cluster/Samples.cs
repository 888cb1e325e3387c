using System.Globalization;

namespace DumpDist.ClusterBench;

/// <summary>Repeated measurements of one quantity, printed as median, min and max.</summary>
internal sealed class Samples(string name, string unit = "s")
{
    private readonly List<double> _values = [];

    public string Name => name;

    public int Count => _values.Count;

    public double Median
    {
        get
        {
            var sorted = _values.Order().ToList();
            return sorted.Count == 0 ? double.NaN
                : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
                : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public void Add(double value) => _values.Add(value);

    public void Add(TimeSpan value) => _values.Add(value.TotalSeconds);

    public override string ToString() => _values.Count == 0
        ? $"{name}: no samples"
        : string.Create(CultureInfo.InvariantCulture, $"{name,-75} median {Median,8:0.000} {unit}   min {_values.Min(),8:0.000}   max {_values.Max(),8:0.000}   (n={_values.Count})");
}
