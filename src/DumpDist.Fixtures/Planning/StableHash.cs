namespace DumpDist.Fixtures.Planning;

/// <summary>FNV-1a over UTF-16 code units: a string hash that, unlike string.GetHashCode, is the same in every process.</summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 0x100000001B3UL;
        }

        return hash;
    }
}
