namespace DumpDist.Core.Configuration;

/// <summary>One problem in a config file, at a 1-based line and column (0 when the whole file is concerned).</summary>
/// <param name="File">The file as given to the loader.</param>
/// <param name="Line">1-based line, or 0.</param>
/// <param name="Column">1-based column, or 0.</param>
/// <param name="Message">What is wrong, naming the key.</param>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    /// <summary>An error (the file is refused), a warning (the file loads; the operator should look), or an entry the file loads without.</summary>
    public ConfigSeverity Severity { get; init; } = ConfigSeverity.Error;

    /// <summary>Compiler-style <c>FILE:LINE:COL: error: MESSAGE</c> (<c>warning:</c> for a warning; <c>FILE: error: MESSAGE</c> without a position); an entry left out is an error in that entry.</summary>
    public override string ToString()
    {
        var label = Severity == ConfigSeverity.Warning ? "warning" : "error";
        return Line > 0 ? $"{File}:{Line}:{Column}: {label}: {Message}" : $"{File}: {label}: {Message}";
    }
}
