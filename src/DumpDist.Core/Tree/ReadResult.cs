using System.Diagnostics.CodeAnalysis;

namespace DumpDist.Core.Tree;

/// <summary>A value read from a file, or the problem that prevented reading it. Never an exception.</summary>
public sealed record ReadResult<T>(T? Value, TreeProblem? Problem)
    where T : class
{
    /// <summary>True when a value was read.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Value is not null;

    /// <summary>A successful read.</summary>
    public static ReadResult<T> Ok(T value) => new(value, null);

    /// <summary>A failed read.</summary>
    public static ReadResult<T> Fail(string path, string message) => new(null, new TreeProblem(path, message));
}
