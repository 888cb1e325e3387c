using System.Net;

namespace DumpDist.Core.Configuration;

/// <summary>One entry of the mirror registry (<c>mirrors[]</c>); active mirrors' addresses make the rsync <c>hosts allow</c>.</summary>
public sealed record MirrorConfig
{
    /// <summary>Unique mirror name (<c>name</c>, required).</summary>
    public required string Name { get; init; }

    /// <summary>Where the mirror publishes the copy (<c>url</c>, required; http, https, ftp or rsync).</summary>
    public required Uri Url { get; init; }

    /// <summary>Host name the mirror pulls from (<c>hostname</c>, required).</summary>
    public required string Hostname { get; init; }

    /// <summary>IPv4 addresses or networks allowed to pull (<c>ipv4</c>).</summary>
    public IReadOnlyList<IPNetwork> Ipv4 { get; init; } = [];

    /// <summary>IPv6 addresses or networks allowed to pull (<c>ipv6</c>).</summary>
    public IReadOnlyList<IPNetwork> Ipv6 { get; init; } = [];

    /// <summary>Contact address (<c>contact</c>).</summary>
    public string? Contact { get; init; }

    /// <summary>Institution running the mirror (<c>institution</c>).</summary>
    public string? Institution { get; init; }

    /// <summary>Who added the entry (<c>added_by</c>).</summary>
    public string? AddedBy { get; init; }

    /// <summary>When the entry was added (<c>added_date</c>, YYYY-MM-DD).</summary>
    public DateOnly? AddedDate { get; init; }

    /// <summary>Whether the mirror is currently allowed (<c>active</c>, default true).</summary>
    public bool Active { get; init; } = true;

    /// <summary>
    /// What is wrong with the entry's addresses (<c>ipv4</c>/<c>ipv6</c> items that do not parse),
    /// each "mirrors[i].ipv4[j]: why"; an entry with any is left out of rsync's <c>hosts allow</c>
    /// until fixed, while the rest of the registry applies.
    /// </summary>
    public IReadOnlyList<string> AddressProblems { get; init; } = [];

    /// <summary>Active and with no address problem: its networks may pull.</summary>
    public bool MayPull => Active && AddressProblems.Count == 0;
}
