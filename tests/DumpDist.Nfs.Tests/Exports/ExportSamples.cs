using DumpDist.Nfs.Exports;

namespace DumpDist.Nfs.Tests.Exports;

internal static class ExportSamples
{
    public static NfsExportSet Production => new(
        "dumps1",
        "/srv/dumps/public",
        2049,
        [
            new NfsClientRule("nfs-vps", "172.16.0.0/12"),
            new NfsClientRule("nfs-vps", "185.15.56.0/24"),
            new NfsClientRule("nfs-vps", "2a02:ec80::/32"),
            new NfsClientRule("nfs-analytics", "an-launcher1002.example.org"),
            new NfsClientRule("nfs-analytics", "*.analytics.example.org"),
            new NfsClientRule("nfs-analytics", "10.64.21.3"),
        ]);
}
