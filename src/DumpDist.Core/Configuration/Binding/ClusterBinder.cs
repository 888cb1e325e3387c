using DumpDist.Core.Configuration.Reading;
using DumpDist.Core.Configuration.Rules;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds the root mapping section by section, then runs the rules that look across sections.</summary>
internal static class ClusterBinder
{
    public static readonly string[] Keys =
        ["source", "datasets", "hosts", "services", "admin", "assignments", "qos", "retention", "mirrors"];

    public static ClusterConfig? Bind(NodeReader reader, ConfigNode rootNode)
    {
        var root = reader.Mapping(rootNode, string.Empty, Keys);
        if (root is null)
        {
            return null;
        }

        var sourceMap = root.Mapping("source", SourceBinder.Keys, required: true);
        var source = sourceMap is null ? new SourceConfig { Url = string.Empty } : SourceBinder.Bind(sourceMap, inherited: null);
        var hosts = HostsBinder.Bind(root);
        var services = ServicesBinder.Bind(root);
        var admin = AdminBinder.Bind(root);
        var config = new ClusterConfig
        {
            Source = source,
            Datasets = DatasetsBinder.Bind(root, source),
            Hosts = hosts.Select(h => h.Host).ToArray(),
            Services = services,
            Admin = admin,
            Assignments = AssignmentsBinder.Bind(root),
            Qos = QosBinder.Bind(root),
            Retention = RetentionBinder.Bind(root),
            Mirrors = MirrorsBinder.Bind(root),
        };

        ActiveHostRule.Check(reader, services, config.Hosts);
        PortCollisionRule.Check(reader, services, hosts);
        NfsPortRule.Check(reader, services);
        AdminTransportRule.Check(reader, admin, hosts);
        return config;
    }
}
