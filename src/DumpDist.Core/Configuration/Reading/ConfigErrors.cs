using YamlDotNet.Core;

namespace DumpDist.Core.Configuration.Reading;

/// <summary>Collects every error found while loading one file, so all of them are reported in one go.</summary>
internal sealed class ConfigErrors(string file)
{
    private readonly List<ConfigError> _errors = [];

    public string File { get; } = file;

    public int Count => _errors.Count;

    public void Add(Mark at, string message) => _errors.Add(new ConfigError(File, (int)at.Line, (int)at.Column, message));

    public void AddWholeFile(string message) => _errors.Add(new ConfigError(File, 0, 0, message));

    /// <summary>Errors ordered by position; equal positions keep the order they were found in.</summary>
    public IReadOnlyList<ConfigError> Sorted() =>
        _errors.Select((e, i) => (e, i)).OrderBy(p => p.e.Line).ThenBy(p => p.e.Column).ThenBy(p => p.i).Select(p => p.e).ToArray();
}
