namespace DumpDist.Core.Configuration;

/// <summary>How serious a <see cref="ConfigError"/> is.</summary>
public enum ConfigSeverity
{
    /// <summary>The file is refused.</summary>
    Error,

    /// <summary>The file loads, but something is probably not what the operator wants.</summary>
    Warning,
}
