using System.Globalization;
using DumpDist.Retention.IO;

namespace DumpDist.Retention.Execution;

/// <summary>
/// Where removed runs wait to be deleted: <c>&lt;root&gt;/.~dumpdist-trash~/</c>, beside <c>public/</c>
/// and so never served (and a dot name, which the web hides anyway). A run is renamed in at once,
/// so clients see it whole or not at all; deleting its files comes after, and whatever a crash
/// leaves here is finished by the next pass. When the run is on another file system than the root
/// (a separate mount under <c>public/</c>), the trash is <c>.~dumpdist-trash~/</c> in the run's wiki
/// or dataset directory instead: a rename never copies.
/// </summary>
internal sealed class Trash(string root, TimeProvider time)
{
    /// <summary>The trash directory's name.</summary>
    public const string DirectoryName = ".~dumpdist-trash~";

    private int _counter;

    /// <summary>The trash beside <c>public/</c>.</summary>
    public string RootDirectory { get; } = Path.Combine(root, DirectoryName);

    /// <summary>
    /// Renames <paramref name="fullPath"/> into the trash; tries the root's trash, then the one in
    /// <paramref name="fallbackDirectory"/>. Returns the trash entry, or null and why not.
    /// </summary>
    public string? MoveIn(string fullPath, string relativePath, string fallbackDirectory, out string? error)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd'T'HHmmssfff'Z'}-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}~{Uri.EscapeDataString(relativePath)}");
        foreach (var trash in new[] { RootDirectory, Path.Combine(fallbackDirectory, DirectoryName) })
        {
            Directory.CreateDirectory(trash);
            var entry = Path.Combine(trash, name);
            var result = NativeFiles.Rename(fullPath, entry);
            if (result.Succeeded)
            {
                error = null;
                return entry;
            }

            if (!result.IsCrossDevice)
            {
                error = $"cannot move {fullPath} into {trash}: {result.Error}";
                return null;
            }
        }

        error = $"cannot move {fullPath} out of the served tree: it is on another file system than {root} and {fallbackDirectory}";
        return null;
    }

    /// <summary>Every entry waiting in the root's trash and in the trash of each of <paramref name="ownerDirectories"/>.</summary>
    public IReadOnlyList<string> Entries(IEnumerable<string> ownerDirectories) =>
        ownerDirectories.Select(d => Path.Combine(d, DirectoryName)).Prepend(RootDirectory)
            .Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFileSystemEntries)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The path under the root an entry was moved from (from its name).</summary>
    public static string OriginalPath(string entry)
    {
        var name = Path.GetFileName(entry);
        var separator = name.IndexOf('~', StringComparison.Ordinal);
        return separator < 0 ? name : Uri.UnescapeDataString(name[(separator + 1)..]);
    }

    /// <summary>
    /// Deletes a trash entry, depth first, never following a symlink; <paramref name="afterFirstFile"/>
    /// runs once, after the first file is gone (tests crash there). Null on success, else why not.
    /// </summary>
    public string? Delete(string entry, Action? afterFirstFile = null)
    {
        try
        {
            var pending = afterFirstFile;
            DeleteTree(entry, ref pending);
            var trash = Path.GetDirectoryName(entry)!;
            if (trash != RootDirectory)
            {
                // A trash inside the served tree goes once empty; the root's stays, so a pass moving
                // runs in never races one deleting the directory.
                TryRemoveEmpty(trash);
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot delete {entry}: {e.Message}";
        }
    }

    private static void DeleteTree(string path, ref Action? afterFirstFile)
    {
        if (NativeFiles.Stat(path) is not { } stat)
        {
            return; // another pass got there first
        }

        if (stat.Kind != FileKind.Directory)
        {
            File.Delete(path);
            var hook = afterFirstFile;
            afterFirstFile = null;
            hook?.Invoke();
            return;
        }

        foreach (var child in Directory.EnumerateFileSystemEntries(path).ToList())
        {
            DeleteTree(child, ref afterFirstFile);
        }

        try
        {
            Directory.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static void TryRemoveEmpty(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
            {
                Directory.Delete(directory);
            }
        }
        catch (IOException)
        {
            // Someone moved something in meanwhile: it stays for the next pass.
        }
    }
}
