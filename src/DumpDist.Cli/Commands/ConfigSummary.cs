using System.Text;
using DumpDist.Core.Configuration;

namespace DumpDist.Cli.Commands;

/// <summary>The text `dumpdist config check` prints for a valid file: hosts, datasets, and who is active for what.</summary>
internal static class ConfigSummary
{
    public static string Format(string path, ClusterConfig config)
    {
        var text = new StringBuilder();
        var line = (string s) => text.Append(s).Append('\n');
        var leftOutEntries = config.Mirrors.Count(m => m.AddressProblems.Count > 0);
        line(leftOutEntries == 0 ? $"{path}: OK" : $"{path}: loads, without {leftOutEntries} mirror {(leftOutEntries == 1 ? "entry" : "entries")} (see the errors)");
        line($"hosts ({config.Hosts.Count}):");
        foreach (var host in config.Hosts)
        {
            var active = config.ServicesActiveOn(host.Name).Select(s => s.ToConfigName()).ToArray();
            var listen = host.ListenAddress is { } address ? $", listen {address}" : string.Empty;
            line($"  {host.Name,-12} public {host.PublicAddress}{listen}, admin {host.AdminAddress}, root {host.Root}; active for: {(active.Length == 0 ? "(standby)" : string.Join(", ", active))}");
        }

        line($"datasets ({config.Datasets.Count}):");
        foreach (var dataset in config.Datasets)
        {
            line($"  {dataset.Name,-12} {dataset.Path} ({Layout(dataset.Layout)}, delete {Delete(dataset)}) from {dataset.Source.Url} {dataset.Source.Schedule.Describe()}");
        }

        line(config.Services.Configured.Count == 0 ? "services: none (the hosts only sync)" : "services:");
        foreach (var kind in config.Services.Configured)
        {
            var service = config.Services.Get(kind)!;
            line($"  {kind.ToConfigName(),-14} active on {service.Active}  ({Endpoint(service)})");
        }

        line($"admin: {Admin(config.Admin)}");
        line($"assignments: {Assignments(config.Assignments)}");

        var activeMirrors = config.Mirrors.Count(m => m.Active);
        var leftOut = config.Mirrors.Count(m => m.AddressProblems.Count > 0);
        line(leftOut == 0
            ? $"mirrors: {config.Mirrors.Count} ({activeMirrors} active)"
            : $"mirrors: {config.Mirrors.Count} ({activeMirrors} active, {leftOut} left out of rsync hosts allow for a bad address)");
        return text.ToString();
    }

    private static string Admin(AdminConfig admin)
    {
        var tokens = admin.Tokens.Count == 0
            ? "no tokens"
            : $"{admin.Tokens.Count} token{(admin.Tokens.Count == 1 ? string.Empty : "s")} ({string.Join(", ", admin.Tokens.Select(t => t.Name))})";
        return $"{tokens}, {(admin.UsesTls ? "TLS" : "plain HTTP")}, timeout {DurationText(admin.Timeout)}";
    }

    private static string Assignments(AssignmentsConfig assignments) => assignments.Etcd is { } etcd && assignments.Store == AssignmentStoreKind.Etcd
        ? $"etcd ({string.Join(", ", etcd.Endpoints.Select(Url))}, prefix {etcd.Prefix}), refresh {DurationText(assignments.Refresh)}"
        : $"peers, refresh {DurationText(assignments.Refresh)}";

    private static string DurationText(TimeSpan value) => DumpDist.Core.Configuration.Reading.DurationParser.Format(value);

    private static string Url(Uri uri) => $"{uri.Scheme}://{uri.Host}:{uri.Port}";

    private static string Layout(DatasetLayout layout) => layout switch
    {
        DatasetLayout.WikiRuns => "wiki-runs",
        DatasetLayout.Dated => "dated",
        _ => "flat",
    };

    private static string Delete(DatasetConfig dataset) =>
        dataset.Delete == DeletePolicy.Never ? "never" : $"mirror-exact, at most {dataset.MaxDelete} per pass";

    private static string Endpoint(ServiceConfig service) => service switch
    {
        WebServiceConfig web => web.HttpsListen is { } https ? $"{Url(web.Listen)} and {Url(https)}" : Url(web.Listen),
        RsyncServiceConfig rsync => $"port {rsync.Port}",
        NfsServiceConfig nfs => $"port {nfs.Port}, {nfs.Clients.Count} client entries",
        _ => string.Empty,
    };
}
