using System.CommandLine;
using DumpDist.Cli.Commands;

namespace DumpDist.FunctionalTests;

/// <summary>Every size or rate option reads the cluster file's forms (`--rate 2MiB` as `rate: 2MiB`).</summary>
public sealed class SizeOptionTests
{
    public static TheoryData<string, string, string, long> Accepted => new()
    {
        { "web", "--rate", "2MiB", 2 * 1024 * 1024 },
        { "web", "--rate", "2097152", 2097152 },
        { "web", "--rate", "2M/s", 2 * 1024 * 1024 },
        { "web", "--rate", "5MB", 5_000_000 },
        { "web", "--rate", "0", 0 },
        { "web", "--rate-after", "1GiB", 1L << 30 },
        { "web", "--ip-rate", "10m", 10L << 20 },
        { "web", "--global-rate", "1TB", 1_000_000_000_000 },
        { "fixture", "--scale", "64KiB", 64 * 1024 },
        { "fixture", "--scale", "3k", 3 * 1024 },
        { "sync", "--bwlimit", "80000", 80000 },
        { "sync", "--bwlimit", "80MiB", 80 * 1024 },
        { "sync", "--bwlimit", "10m", 10 * 1024 },
        { "sync", "--bwlimit", "2GB", 2_000_000_000 / 1024 },
    };

    public static TheoryData<string, string, string, string> Refused => new()
    {
        { "web", "--rate", "fast", "--rate: expected a size such as 5242880 or 5MiB, got 'fast'" },
        { "web", "--rate", "-5", "--rate: must not be negative, got -5" },
        { "web", "--rate", "2.5MiB", "--rate: expected a size such as 5242880 or 5MiB, got '2.5MiB'" },
        { "web", "--rate-after", "1XB", "--rate-after: expected a size such as 5242880 or 5MiB, got '1XB'" },
        { "web", "--global-rate", "99999999999T", "--global-rate: expected a size" },
        { "fixture", "--scale", "big", "--scale: expected a size such as 5242880 or 5MiB, got 'big'" },
        { "sync", "--bwlimit", "fast", "--bwlimit: expected a size such as 80000 (KiB) or 80MiB, got 'fast'" },
        { "sync", "--bwlimit", "100B", "--bwlimit: must be 0 or at least 1 KiB, got '100B'" },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Parse_SizeWithUnit_SameValueAsTheClusterFile(string command, string option, string text, long expected)
    {
        var result = Command(command).Parse(Arguments(command, option, text));

        Assert.Empty(result.Errors);
        var value = command == "sync" ? result.GetValue<long?>(option) : result.GetValue<long>(option);
        Assert.Equal(expected, value);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Parse_BadSize_ErrorNamesOptionAndForms(string command, string option, string text, string message)
    {
        var result = Command(command).Parse(Arguments(command, option, text));

        var error = Assert.Single(result.Errors).Message;
        Assert.StartsWith(message, error, StringComparison.Ordinal);
        Assert.Contains("K/KiB, M/MiB, G/GiB, T/TiB (1024-based), KB, MB, GB, TB (1000-based)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoSizeGiven_DefaultsAsBefore()
    {
        var web = Command("web").Parse([]);
        var sync = Command("sync").Parse([]);

        Assert.Equal(5L * 1024 * 1024, web.GetValue<long>("--rate"));
        Assert.Equal(1024L * 1024, web.GetValue<long>("--rate-after"));
        Assert.Equal(0, web.GetValue<long>("--global-rate"));
        Assert.Null(sync.GetValue<long?>("--bwlimit"));
    }

    [Fact]
    public async Task Web_BadRate_ExitsTwoNamingTheOption()
    {
        var root = DumpDist.TestSupport.TestPaths.NewTempDirectory("size-option");
        try
        {
            var result = await DumpDistProcess.RunAsync("web", "--root", root, "--listen", "http://127.0.0.1:0", "--rate", "2 MiBs");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--rate: expected a size such as 5242880 or 5MiB, got '2 MiBs'", result.StandardError, StringComparison.Ordinal);
            Assert.Equal(string.Empty, result.StandardOutput);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Fixture_ScaleWithUnit_SameTreeAsInBytes()
    {
        var root = DumpDist.TestSupport.TestPaths.NewTempDirectory("size-option");
        try
        {
            var withUnit = await DumpDistProcess.RunAsync("fixture", "--out", Path.Combine(root, "unit"), "--wikis", "1", "--runs", "1", "--scale", "8KiB");
            var inBytes = await DumpDistProcess.RunAsync("fixture", "--out", Path.Combine(root, "bytes"), "--wikis", "1", "--runs", "1", "--scale", "8192");

            Assert.True(withUnit.ExitCode == 0, withUnit.StandardError);
            Assert.True(inBytes.ExitCode == 0, inBytes.StandardError);
            var unitFiles = Files(Path.Combine(root, "unit"));
            Assert.Equal(Files(Path.Combine(root, "bytes")), unitFiles);
            Assert.InRange(unitFiles.Where(f => f.Key.EndsWith(".bz2", StringComparison.Ordinal)).Max(f => f.Value.Length / 2), 4097, 8192);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("web", "--rate")]
    [InlineData("fixture", "--scale")]
    [InlineData("sync", "--bwlimit")]
    public async Task Help_SizeOption_ShowsTheForms(string command, string option)
    {
        var result = await DumpDistProcess.RunAsync(command, "--help");

        Assert.Equal(0, result.ExitCode);
        // The option's entry: its own line and the wrapped description lines under it.
        var lines = result.StandardOutput.Split('\n').Select(l => l.Trim()).SkipWhile(l => !l.StartsWith(option + " ", StringComparison.Ordinal)).ToList();
        var line = string.Join(' ', lines.Take(1).Concat(lines.Skip(1).TakeWhile(l => l.Length > 0 && !l.StartsWith('-'))));
        Assert.Contains(option + " <SIZE>", line, StringComparison.Ordinal);
        Assert.Contains("KiB", line, StringComparison.Ordinal);
    }

    private static SortedDictionary<string, string> Files(string root) => new(
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), f => Convert.ToHexString(File.ReadAllBytes(f))),
        StringComparer.Ordinal);

    // fixture needs --out to parse at all.
    private static string[] Arguments(string command, string option, string text) =>
        command == "fixture" ? ["--out", "unused", option, text] : [option, text];

    private static Command Command(string name) => name switch
    {
        "web" => WebCommand.Create(),
        "fixture" => FixtureCommand.Create(),
        "sync" => SyncCommand.Create(),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
