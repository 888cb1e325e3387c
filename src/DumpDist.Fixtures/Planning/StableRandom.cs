namespace DumpDist.Fixtures.Planning;

/// <summary>
/// A splitmix64 generator: unlike System.Random or HashCode it is fixed by its seed alone,
/// so a seed makes the same tree on every machine and every .NET version.
/// </summary>
internal sealed class StableRandom
{
    private ulong state;

    public StableRandom(ulong seed) => state = seed;

    public StableRandom(int seed, string stream) : this(Mix((ulong)(uint)seed, StableHash.Of(stream)))
    {
    }

    public static ulong Mix(ulong a, ulong b) => Finalize(a * 0x9E3779B97F4A7C15UL ^ Finalize(b + 0x632BE59BD9B4E019UL));

    public ulong NextULong()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Finalize(state);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => (int)(NextULong() % (ulong)maxExclusive);

    /// <summary>A double in [min, max).</summary>
    public double Between(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    private static ulong Finalize(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
