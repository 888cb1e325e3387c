namespace DumpDist.Nfs.Exports;

/// <summary>The outcome of applying exports: whether the file changed, and the error if the server refused them.</summary>
public sealed record ExportsApplyResult(bool Applied, bool Changed, string Detail)
{
    /// <summary>The new exports are live.</summary>
    public static ExportsApplyResult Ok(bool changed, string detail) => new(true, changed, detail);

    /// <summary>The new exports were refused; the previous file was put back.</summary>
    public static ExportsApplyResult Failed(string detail) => new(false, false, detail);
}
