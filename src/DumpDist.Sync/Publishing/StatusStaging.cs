using System.IO.Enumeration;
using DumpDist.Core.Tree;

namespace DumpDist.Sync.Publishing;

/// <summary>
/// The private directory stage 2 fills (<see cref="StageArguments.StagingDirectory"/> at the top
/// of the destination, on the same filesystem) and the publish step that renames its files into
/// place once the data they describe is there. Nothing serves it; a pass empties it when it
/// starts (what an interrupted pass left) and when it ends.
/// </summary>
public sealed class StatusStaging
{
    /// <summary>The staging area of <paramref name="destination"/>.</summary>
    public StatusStaging(string destination)
    {
        Destination = destination;
        Root = Path.Combine(destination, StageArguments.StagingDirectory);
    }

    /// <summary>The destination the files are published into.</summary>
    public string Destination { get; }

    /// <summary>The staging directory.</summary>
    public string Root { get; }

    /// <summary>Removes the staging directory and everything in it.</summary>
    public void Clear()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    /// <summary>The staged files and symlinks, as '/'-separated paths relative to <see cref="Root"/>.</summary>
    public IReadOnlyList<string> Files()
    {
        var files = new List<string>();
        if (Directory.Exists(Root))
        {
            Collect(Root, string.Empty, files);
        }

        return files;
    }

    /// <summary>
    /// Renames every staged file over its published name (each an atomic swap), checksum and run
    /// info files first, then dumpstatus.json, then the HTML, RSS and latest/ entries that point
    /// readers at them. Returns how many were published; the staging directory is removed.
    /// </summary>
    public int Publish()
    {
        var files = Files().OrderBy(PublishRank).ThenBy(f => f, StringComparer.Ordinal).ToList();
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var relative in files)
        {
            var target = Path.Combine(Destination, relative);
            var directory = Path.GetDirectoryName(target)!;
            if (created.Add(directory))
            {
                Directory.CreateDirectory(directory);
            }

            File.Move(Path.Combine(Root, relative), target, overwrite: true);
        }

        Clear();
        return files.Count;
    }

    private static int PublishRank(string relative)
    {
        var name = Path.GetFileName(relative);
        return relative.StartsWith("latest/", StringComparison.Ordinal) || relative.Contains("/latest/", StringComparison.Ordinal) ? 3
            : name.EndsWith(".html", StringComparison.Ordinal) || name.EndsWith("-rss.xml", StringComparison.Ordinal) ? 2
            : name == DumpStatusReader.FileName ? 1
            : 0;
    }

    /// <remarks>One directory read per level, types from the entries themselves (no stat or readlink per file).</remarks>
    private static void Collect(string directory, string prefix, List<string> files)
    {
        var entries = new FileSystemEnumerable<(string Name, bool IsDirectory)>(
            directory,
            (ref FileSystemEntry entry) => (entry.FileName.ToString(), entry.IsDirectory && (entry.Attributes & FileAttributes.ReparsePoint) == 0),
            new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false });
        foreach (var (name, isDirectory) in entries)
        {
            if (isDirectory)
            {
                // rsync's own temp directory for an interrupted file is never published.
                if (name != StageArguments.PartialDirectory)
                {
                    Collect(Path.Combine(directory, name), prefix + name + "/", files);
                }
            }
            else if (!name.StartsWith('.'))
            {
                files.Add(prefix + name);
            }
        }
    }
}
