using System.Globalization;

namespace DumpDist.Mirrors.Modules;

/// <summary>The rsync module names and the published dirlist file names.</summary>
internal static class MirrorModules
{
    /// <summary>Every other dataset (<c>public/other/</c>).</summary>
    public const string Other = "other";

    /// <summary>Everything published.</summary>
    public const string All = "all";

    /// <summary>"last N good runs of every wiki".</summary>
    public static string LastGood(int runs) => string.Create(CultureInfo.InvariantCulture, $"last-{runs}-good");

    /// <summary>The include list at the web root, as production names it (mirroring tools parse it).</summary>
    public static string DirlistFileName(int runs) => string.Create(CultureInfo.InvariantCulture, $"rsync-dirlist-last-{runs}-good.txt");
}
