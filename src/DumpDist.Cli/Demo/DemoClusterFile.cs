using System.Text;
using DumpDist.Fixtures;

namespace DumpDist.Cli.Demo;

/// <summary>
/// The demo's cluster file (docs/configuration.md): two hosts on loopback pulling from the local
/// generation source, web active on a, rsync for mirrors active on b, NFS when ganesha is there
/// (vps on a, analytics on b: one ganesha per host exports to both), and one mirror in the registry
/// that allows all of loopback, so a local rsync client may list the modules.
/// </summary>
internal static class DemoClusterFile
{
    public static string Render(DemoLayout layout, FixtureManifest tree, bool nfs)
    {
        var text = new StringBuilder();
        text.Append($"""
            # Written by `dumpdist demo`: two serving hosts on loopback pulling from a local generation
            # source. Every key is described in docs/configuration.md; edits apply without a restart.
            source:
              url: {layout.SourceUrl}
              bwlimit: 0
              schedule:
                interval: 10m
            datasets:
              - name: xmldatadumps
                path: public
                layout: wiki-runs

            """);
        foreach (var dataset in tree.OtherDatasets)
        {
            text.Append($"""
                  - name: {dataset.Name}
                    path: public/other/{dataset.Name}
                    layout: {(dataset.Dated ? "dated" : "flat")}

                """);
        }

        text.Append("hosts:\n");
        foreach (var host in DemoLayout.Hosts)
        {
            text.Append($"""
                  - name: {host}
                    public_address: {layout.AddressOf(host)}
                    listen_address: {layout.AddressOf(host)}
                    admin_address: {layout.AddressOf(host)}:{layout.AdminPort}
                    root: {layout.Root(host)}
                    state_dir: {layout.StateDirectory(host)}

                """);
        }

        text.Append($"""
            services:
              web:
                active: a
                listen: http://0.0.0.0:{layout.WebPort}
                drain_deadline: 1m
                stop_timeout: 2s
              rsync:
                active: {DemoLayout.MirrorsHost}
                port: {layout.RsyncPort}
                keep_runs: [1, 2]

            """);
        if (nfs)
        {
            text.Append($"""
                  nfs-vps:
                    active: a
                    port: {layout.NfsPort}
                    clients: [127.0.0.0/8]
                  nfs-analytics:
                    active: b
                    port: {layout.NfsPort}
                    clients: [127.0.0.0/8]

                """);
        }

        text.Append($"""
            admin:
              tokens:
                - name: demo
                  file: {layout.TokenPath}
            assignments:
              store: peers
              refresh: 10s
            mirrors:
              - name: demo-mirror
                url: {layout.Web(DemoLayout.MirrorsHost)}
                hostname: localhost
                ipv4: [127.0.0.0/8]
                institution: the demo (host {DemoLayout.MirrorsHost}'s web stands in for a mirror's copy)
                added_by: dumpdist demo

            """);
        return text.ToString();
    }
}
