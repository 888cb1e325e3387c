using System.CommandLine;
using System.CommandLine.Parsing;
using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Cli.Commands;

/// <summary>
/// Options that take a size or a rate, read by the cluster file's parser so that
/// <c>--rate 5MiB</c> means what <c>rate: 5MiB</c> means in the file.
/// </summary>
internal static class SizeOption
{
    /// <summary>The accepted forms, shown in <c>--help</c> and in every error.</summary>
    public const string Forms = "a whole number, or one with a unit: K/KiB, M/MiB, G/GiB, T/TiB (1024-based), KB, MB, GB, TB (1000-based) or B, optionally followed by /s";

    /// <summary>An option in bytes (a bare number is bytes).</summary>
    public static Option<long> Bytes(string name, string description, long defaultValue) => new(name)
    {
        Description = $"{description} Takes {Forms}.",
        HelpName = "SIZE",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, bareUnit: 1) ?? 0,
    };

    /// <summary>An option in KiB, as rsync's <c>--bwlimit</c> (a bare number is KiB); null when not given.</summary>
    public static Option<long?> KiB(string name, string description) => new(name)
    {
        Description = $"{description} Takes {Forms}; a bare number is KiB.",
        HelpName = "SIZE",
        CustomParser = result => Parse(result, bareUnit: 1024),
    };

    private static long? Parse(ArgumentResult result, long bareUnit)
    {
        var name = (result.Parent as OptionResult)?.Option.Name ?? "size";
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (Scalars.Size(bareUnit)(text, out var value) is { } problem)
        {
            result.AddError($"{name}: {problem}; it takes {Forms}");
            return null;
        }

        return value;
    }
}
