namespace DumpDist.Core.Configuration;

/// <summary>How a dataset directory is organised (<c>layout</c>).</summary>
public enum DatasetLayout
{
    /// <summary><c>wiki-runs</c>: <c>&lt;wiki&gt;/&lt;YYYYMMDD&gt;/</c> runs with dumpstatus.json, plus <c>other/</c>.</summary>
    WikiRuns,

    /// <summary><c>dated</c>: dated subdirectories (YYYYMMDD, YYYY-MM-DD, YYYY/YYYY-MM ...).</summary>
    Dated,

    /// <summary><c>flat</c>: plain files and directories with no run structure.</summary>
    Flat,
}
