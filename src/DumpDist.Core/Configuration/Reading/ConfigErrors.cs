using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>Collects every error and warning found while loading one file, so all of them are reported in one go.</summary>
internal sealed class ConfigErrors(string file)
{
    private readonly List<ConfigError> _errors = [];
    private readonly List<ConfigError> _warnings = [];
    private readonly List<ConfigError> _leftOut = [];

    public string File { get; } = file;

    /// <summary>The number of errors (warnings do not count).</summary>
    public int Count => _errors.Count;

    public void Add(Mark at, string message) => _errors.Add(new ConfigError(File, (int)at.Line, (int)at.Column, message));

    public void AddWholeFile(string message) => _errors.Add(new ConfigError(File, 0, 0, message));

    public void AddWarning(Mark at, string message) =>
        _warnings.Add(new ConfigError(File, (int)at.Line, (int)at.Column, message) { Severity = ConfigSeverity.Warning });

    /// <summary>A problem of an entry the file is loaded without (the rest applies).</summary>
    public void AddLeftOut(Mark at, string message) =>
        _leftOut.Add(new ConfigError(File, (int)at.Line, (int)at.Column, message) { Severity = ConfigSeverity.EntryLeftOut });

    /// <summary>Problems of entries left out, ordered by position.</summary>
    public IReadOnlyList<ConfigError> SortedLeftOut() => Order(_leftOut);

    /// <summary>Errors ordered by position; equal positions keep the order they were found in.</summary>
    public IReadOnlyList<ConfigError> Sorted() => Order(_errors);

    /// <summary>Warnings ordered by position.</summary>
    public IReadOnlyList<ConfigError> SortedWarnings() => Order(_warnings);

    private static ConfigError[] Order(List<ConfigError> items) =>
        items.Select((e, i) => (e, i)).OrderBy(p => p.e.Line).ThenBy(p => p.e.Column).ThenBy(p => p.i).Select(p => p.e).ToArray();
}
