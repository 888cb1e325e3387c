using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>assignments</c> (optional): the store (<c>peers</c> or <c>etcd</c>), its refresh interval, and etcd's endpoints.</summary>
internal static class AssignmentsBinder
{
    public static readonly string[] Keys = ["store", "refresh", "etcd"];

    private static readonly string[] EtcdKeys = ["endpoints", "prefix", "timeout"];

    private static readonly ScalarParser<AssignmentStoreKind> Stores =
        Scalars.Enum(("peers", AssignmentStoreKind.Peers), ("etcd", AssignmentStoreKind.Etcd));

    public static AssignmentsConfig Bind(MappingReader root)
    {
        var defaults = new AssignmentsConfig();
        var map = root.Mapping("assignments", Keys);
        if (map is null)
        {
            return defaults;
        }

        var reader = map.Reader;
        // Null when the store given does not parse (already reported): then neither rule below applies.
        var store = map.Has("store") ? map.Parse("store", Stores) : AssignmentStoreKind.Peers;
        var refresh = map.Parse<TimeSpan>("refresh", Scalars.Duration);
        if (refresh == TimeSpan.Zero)
        {
            reader.Error(reader.Positions.Of(map.PathOf("refresh")), map.PathOf("refresh"), "must be longer than 0s");
        }

        var etcdMap = map.Mapping("etcd", EtcdKeys);
        if (store == AssignmentStoreKind.Etcd && !map.Has("etcd"))
        {
            reader.Error(reader.Positions.Of(map.PathOf("store")), map.PathOf("store"), "'etcd' needs assignments.etcd with its endpoints");
        }
        else if (store == AssignmentStoreKind.Peers && map.Has("etcd"))
        {
            // Almost certainly a forgotten "store: etcd": say so rather than silently using the peers.
            reader.Error(reader.Positions.Of(map.PathOf("etcd")), map.PathOf("etcd"), "has no effect with 'store: peers'; set 'store: etcd' or remove it");
        }

        return new AssignmentsConfig
        {
            Store = store ?? defaults.Store,
            Refresh = refresh ?? defaults.Refresh,
            Etcd = etcdMap is null ? null : BindEtcd(etcdMap),
        };
    }

    private static EtcdConfig BindEtcd(MappingReader map)
    {
        var defaults = new EtcdConfig { Endpoints = [] };
        var reader = map.Reader;
        var endpoints = map.List<Uri>("endpoints", Scalars.Url("http", "https"), required: true);
        if (endpoints is { Count: 0 } && map.Value("endpoints") is SequenceNode { Items.Count: 0 })
        {
            reader.Error(reader.Positions.Of(map.PathOf("endpoints")), map.PathOf("endpoints"), "at least one endpoint is required");
        }

        var timeout = map.Parse<TimeSpan>("timeout", Scalars.Duration);
        if (timeout == TimeSpan.Zero)
        {
            reader.Error(reader.Positions.Of(map.PathOf("timeout")), map.PathOf("timeout"), "must be longer than 0s");
        }

        return new EtcdConfig
        {
            Endpoints = endpoints ?? defaults.Endpoints,
            Prefix = map.ParseObject<string>("prefix", Scalars.Text) ?? defaults.Prefix,
            Timeout = timeout ?? defaults.Timeout,
        };
    }
}
