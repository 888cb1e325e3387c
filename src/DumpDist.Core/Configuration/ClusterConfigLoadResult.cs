using System.Diagnostics.CodeAnalysis;

namespace DumpDist.Core.Configuration;

/// <summary>The outcome of loading a cluster file: a valid config, or every error found (never both); warnings either way.</summary>
public sealed record ClusterConfigLoadResult
{
    /// <summary>The config when <see cref="Errors"/> is empty; otherwise null.</summary>
    public ClusterConfig? Config { get; init; }

    /// <summary>Every error, ordered by position.</summary>
    public IReadOnlyList<ConfigError> Errors { get; init; } = [];

    /// <summary>Every warning (<see cref="ConfigSeverity.Warning"/>), ordered by position; they do not stop the file loading.</summary>
    public IReadOnlyList<ConfigError> Warnings { get; init; } = [];

    /// <summary>
    /// Problems of entries the config was loaded without (<see cref="ConfigSeverity.EntryLeftOut"/>:
    /// a mirror registry entry with a bad address), ordered by position; the rest of the file applies.
    /// </summary>
    public IReadOnlyList<ConfigError> LeftOut { get; init; } = [];

    /// <summary>True when the file loaded with no errors.</summary>
    [MemberNotNullWhen(true, nameof(Config))]
    public bool Success => Config is not null && Errors.Count == 0;
}
