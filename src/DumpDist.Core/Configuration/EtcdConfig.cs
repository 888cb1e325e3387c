namespace DumpDist.Core.Configuration;

/// <summary>The etcd v3 cluster holding the assignments (<c>assignments.etcd</c>, required with <c>store: etcd</c>).</summary>
public sealed record EtcdConfig
{
    /// <summary>Client URLs of the etcd members (<c>endpoints</c>, required, at least one, <c>http://</c> or <c>https://</c>).</summary>
    public required IReadOnlyList<Uri> Endpoints { get; init; }

    /// <summary>Key prefix under which dumpdist keeps its keys (<c>prefix</c>, default <c>/dumpdist/</c>).</summary>
    public string Prefix { get; init; } = "/dumpdist/";

    /// <summary>Longest one etcd request may take (<c>timeout</c>, default 5 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);
}
