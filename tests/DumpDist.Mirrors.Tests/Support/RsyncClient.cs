using DumpDist.TestSupport;

namespace DumpDist.Mirrors.Tests.Support;

/// <summary>The real rsync client, bound to a chosen local address.</summary>
internal static class RsyncClient
{
    /// <summary>Pulls <paramref name="module"/> into <paramref name="destination"/>, connecting from <paramref name="from"/>.</summary>
    public static Task<ProcessResult> PullAsync(int port, string module, string destination, string from = "127.0.0.1", params string[] extra) =>
        ExternalProgram.RunAsync("rsync", ["-r", "--timeout=30", "--address=" + from, .. extra, $"rsync://127.0.0.1:{port}/{module}/", destination + "/"]);

    /// <summary>Every file under <paramref name="directory"/>, relative, with '/' separators, sorted.</summary>
    public static IReadOnlyList<string> Files(string directory) =>
        Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
}
