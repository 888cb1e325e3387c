using System.Net;

namespace DumpDist.Cli.Demo;

/// <summary>Arguments of <c>dumpdist demo</c>.</summary>
/// <param name="Directory">Where the demo keeps its state; null for a new temporary directory removed at the end.</param>
/// <param name="Keep">Keep the state directory at the end (always kept when <paramref name="Directory"/> is given).</param>
/// <param name="Wikis">Wikis in the generated tree.</param>
/// <param name="Port">First of the five ports the demo uses (web, mirrors' rsync, NFS, admin API, generation source).</param>
/// <param name="Address">Host a's loopback address; host b gets the next one and the generation source the one after.</param>
internal sealed record DemoOptions(string? Directory, bool Keep, int Wikis, int Port, IPAddress Address)
{
    public const int DefaultWikis = 4;
    public const int DefaultPort = 8080;
    public const string DefaultAddress = "127.0.0.2";

    /// <summary>Runs per wiki: one. A second doubles the files (the two huge wikis have ~1,400 a run) and the time to ready.</summary>
    public const int Runs = 1;

    /// <summary>The biggest file of the tree: small enough to sync in seconds, big enough to see a download.</summary>
    public const long Scale = 1024 * 1024;

    /// <summary>Every problem with these options, each naming the option; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Wikis is < 1 or > 200)
        {
            errors.Add($"--wikis must be between 1 and 200, got {Wikis}");
        }

        if (Port is < 1024 or > 65535 - (DemoLayout.PortCount - 1))
        {
            errors.Add($"--port must be between 1024 and {65535 - (DemoLayout.PortCount - 1)} (the demo uses it and the {DemoLayout.PortCount - 1} ports after it), got {Port}");
        }

        var bytes = Address.GetAddressBytes();
        if (Address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || bytes[0] != 127 || bytes[3] is 0 or > 252)
        {
            errors.Add($"--address must be an IPv4 loopback address 127.x.y.z with z between 1 and 252 (the demo also uses the next two), got {Address}");
        }

        if (Directory is { } directory && System.IO.Directory.Exists(directory) && System.IO.Directory.EnumerateFileSystemEntries(directory).Any())
        {
            errors.Add($"--dir {directory} is not empty; the demo writes only into a new or empty directory, so it never mixes with (or removes) other files");
        }
        else if (Directory is { } file && File.Exists(file))
        {
            errors.Add($"--dir {file} is a file, not a directory");
        }

        return errors;
    }
}
