namespace DumpDist.Retention.Planning;

/// <summary>What a cleanup removes.</summary>
internal enum RemovalKind
{
    /// <summary>A wiki's dated run directory, <c>public/&lt;wiki&gt;/&lt;YYYYMMDD&gt;/</c>.</summary>
    Run,

    /// <summary>A dated directory of an other dataset, <c>public/other/&lt;dataset&gt;/[&lt;group&gt;/]&lt;YYYYMMDD&gt;/</c>.</summary>
    DatedEntry,

    /// <summary>One file of a flat other dataset, removed by age.</summary>
    File,
}
