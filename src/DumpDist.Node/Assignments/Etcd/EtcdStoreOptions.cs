namespace DumpDist.Node.Assignments.Etcd;

/// <summary>
/// Where the etcd assignment store keeps its keys: the <c>assignments.etcd</c> section of the
/// cluster file (<c>endpoints</c>, <c>prefix</c>, <c>timeout</c>).
/// </summary>
internal sealed record EtcdStoreOptions
{
    /// <summary>The etcd client URLs (<c>http://etcd1:2379</c>); tried in order, the next one after a failure.</summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = [];

    /// <summary>The key prefix, ending in <c>/</c>; several clusters can share one etcd under different prefixes.</summary>
    public string Prefix { get; init; } = "/dumpdist/";

    /// <summary>How long one read or commit may take before etcd counts as unreachable.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before the watch is retried after a failure; doubled per failure.</summary>
    public TimeSpan RetryInitial { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two watch attempts while etcd is down.</summary>
    public TimeSpan RetryMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with these options, each naming its field; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Endpoints.Count == 0)
        {
            errors.Add("assignments.etcd.endpoints: at least one etcd client URL is required");
        }

        foreach (var endpoint in Endpoints)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add($"assignments.etcd.endpoints: '{endpoint}' is not an http:// or https:// URL");
            }
        }

        if (!Prefix.StartsWith('/') || !Prefix.EndsWith('/'))
        {
            errors.Add($"assignments.etcd.prefix: '{Prefix}' must start and end with '/'");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add($"assignments.etcd.timeout: {Timeout} must be positive");
        }

        if (RetryInitial <= TimeSpan.Zero || RetryMax < RetryInitial)
        {
            errors.Add($"etcd retry: initial {RetryInitial} must be positive and at most the maximum {RetryMax}");
        }

        return errors;
    }
}
