namespace DumpDist.Core.Configuration;

/// <summary>Whether sync deletes what left the source (<c>delete</c>).</summary>
public enum DeletePolicy
{
    /// <summary><c>never</c>: sync never deletes; retention on each host removes old runs.</summary>
    Never,

    /// <summary><c>mirror-exact</c>: sync deletes files gone from the source, at most <c>max_delete</c> per pass.</summary>
    MirrorExact,
}
