namespace DumpDist.Node.Admin;

/// <summary>One admin API call's outcome: the value, or the HTTP status / transport error that prevented it.</summary>
internal sealed record AdminResult<T>(T? Value, int Status, string? Error)
    where T : class
{
    public bool Ok => Value is not null && Error is null;

    /// <summary>True when the node could not be reached at all (no HTTP answer).</summary>
    public bool Unreachable => Status == 0;
}
