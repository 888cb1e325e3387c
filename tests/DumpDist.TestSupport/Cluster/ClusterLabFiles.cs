namespace DumpDist.TestSupport.Cluster;

/// <summary>The files the lab writes: the cluster file, the NFS client agent's file, the generation host's rsyncd.conf.</summary>
internal static class ClusterLabFiles
{
    public static string Cluster(ClusterLab lab, ClusterLabOptions options)
    {
        var hosts = string.Join(string.Empty, ClusterLab.Nodes.Select(n => $"""
              - name: {n}
                public_address: {lab.Address(n)}
                admin_address: {lab.Address(n)}:{ClusterLab.AdminPort}
                root: {lab.Root(n)}
                state_dir: {lab.StateDir(n)}

            """));
        return $"""
            source:
              url: rsync://{lab.Address("gen")}:873/dumps/
              bwlimit: 0
              schedule:
                interval: {options.SyncInterval}
            datasets:
              - name: xmldatadumps
                path: public
            hosts:
            {hosts.TrimEnd()}
            services:
              web:
                active: a
                listen: http://0.0.0.0:{ClusterLab.WebPort}
              nfs-vps:
                active: a
                clients: [{lab.Network.Subnet.Cidr}]
              nfs-analytics:
                active: a
                clients: [{lab.Network.Subnet.Cidr}]
            admin:
              tokens:
                - name: ops
                  file: {lab.TokenFile}
            qos:
              conn_limit: 0
              rate: {options.WebRate}
              rate_after: 0
              trusted_proxies: [{lab.Address("lb")}/32]

            """;
    }

    public static string Agent(ClusterLab lab) => $"""
        cluster: {lab.ClusterFile}
        service: nfs-vps
        mount: false
        mount_dir: {Path.Combine(lab.Directory, "client", "mnt")}
        links:
          - link: {lab.AgentLink}
        canary: enwiki
        hysteresis: 1s
        interval: 2s
        probe_timeout: 2s
        stat_timeout: 2s
        admin_timeout: 2s
        state_file: {lab.AgentStateFile}
        admin_token_file: {lab.TokenFile}

        """;

    public static string GenerationRsyncd(ClusterLab lab) => $"""
        use chroot = no
        uid = root
        gid = root
        pid file = {Path.Combine(lab.Directory, "gen", "rsyncd.pid")}
        [dumps]
            path = {lab.SourceTree}
            read only = yes
            list = yes
            dont compress = *

        """;
}
