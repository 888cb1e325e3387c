namespace DumpDist.Mirrors.Tests.Support;

/// <summary>A one-host cluster file for a daemon under test, with one mirror entry.</summary>
internal static class ClusterYaml
{
    public static string For(DaemonUnderTest daemon, string mirrorAddress, bool active = true) => $"""
        source:
          url: /srv/canonical
        datasets:
          - name: dumps
            path: public
            layout: wiki-runs
        hosts:
          - name: node1
            public_address: 127.0.0.1
            admin_address: 127.0.0.1:19100
            root: {daemon.Tree.Root}
            state_dir: {Path.GetDirectoryName(daemon.Supervisor.Paths.Directory)}
        services:
          rsync:
            active: node1
            port: {daemon.Port}
            keep_runs: [1, 2]
        mirrors:
          - name: mirror-a
            url: https://mirror-a.example.org/dumps/
            hostname: mirror-a.example.org
            ipv4: [{mirrorAddress}]
            institution: Example University
            active: {(active ? "true" : "false")}
        """;
}
