using DumpDist.Core.Configuration;

namespace DumpDist.Core.Tests.Configuration;

public sealed class ClusterConfigLoaderErrorTests
{
    /// <summary>Case name, line to replace in the minimal file, its new text, and the error expected at line:column.</summary>
    public static TheoryData<string, int, string, int, int, string> BadConfigs => new()
    {
        { "unknown key", 3, "  bwlimt: 80000", 3, 3, "unknown key 'bwlimt' in 'source'; did you mean 'bwlimit'?" },
        { "unknown top-level key", 21, "sevices: {}", 21, 1, "unknown key 'sevices' at the top level; did you mean 'services'?" },
        { "unknown key far from any", 3, "  colour: blue", 3, 3, "unknown key 'colour' in 'source'; known keys: url, bwlimit" },
        { "size not a number", 3, "  bwlimit: fast", 3, 12, "source.bwlimit: expected a size such as 80000 (KiB) or 80MiB, got 'fast'" },
        { "negative size", 3, "  bwlimit: -1", 3, 12, "source.bwlimit: must not be negative, got -1" },
        { "KiB size below one KiB (0 is unlimited)", 3, "  bwlimit: 100B", 3, 12, "source.bwlimit: must be 0 or at least 1 KiB, got '100B'" },
        { "bad duration", 3, "  timeout: soon", 3, 12, "source.timeout: expected a duration such as 600, 600s, 10m, 8h or 30d, got 'soon'" },
        { "fraction out of range", 3, "  max_loss_fraction: 1.5", 3, 22, "source.max_loss_fraction: must be between 0 and 1, got 1.5" },
        { "interval and cron", 3, "  schedule: { interval: 10m, cron: '* * * * *' }", 3, 36, "source.schedule: set either 'interval' or 'cron', not both" },
        { "bad cron", 3, "  schedule: { cron: '*/61 * * * *' }", 3, 21, "source.schedule.cron: '*/61 * * * *' is not a valid five-field cron expression" },
        { "bad source url", 2, "  url: gen.example.org/dumps", 2, 8, "source.url: expected rsync://HOST[:PORT]/MODULE[/PATH] or an absolute path, got 'gen.example.org/dumps'" },
        { "missing required section", 1, "origin:", 1, 1, "missing required key 'source' at the top level" },
        { "missing required key", 11, "    state_dir: /var/lib/dumpdist", 8, 5, "missing required key 'root' in 'hosts[0]'" },
        { "empty required value", 11, "    root:", 11, 5, "missing required key 'root' in 'hosts[0]'" },
        { "relative root", 11, "    root: srv/dumps", 11, 11, "hosts[0].root: expected an absolute path, got 'srv/dumps'" },
        { "bad ip", 9, "    public_address: 10.1", 9, 21, "hosts[0].public_address: '10.1' is not an IPv4 or IPv6 address" },
        { "bad admin address", 10, "    admin_address: localhost", 10, 20, "hosts[0].admin_address: expected host:port" },
        { "duplicate host", 12, "  - name: dumps1", 12, 11, "hosts[1].name: duplicate host name 'dumps1' (first at line 8)" },
        { "duplicate public address", 13, "    public_address: 203.0.113.10", 13, 21, "hosts[1].public_address: duplicate public_address '203.0.113.10' (first at line 9)" },
        { "bad layout", 6, "    path: public\n    layout: tree", 7, 13, "datasets[0].layout: expected one of wiki-runs, dated, flat, got 'tree'" },
        { "absolute dataset path", 6, "    path: /public", 6, 11, "datasets[0].path: expected a relative path inside the tree" },
        { "duplicate dataset", 6, "    path: public\n  - name: xmldatadumps\n    path: mirror", 7, 11, "datasets[1].name: duplicate dataset name 'xmldatadumps' (first at line 5)" },
        { "nested dataset", 6, "    path: public\n  - name: pageviews\n    path: public/pageviews", 8, 11, "datasets[1].path: 'public/pageviews' is inside dataset 'xmldatadumps' ('public')" },
        { "max_delete without mirror-exact", 6, "    path: public\n    max_delete: 5", 7, 17, "datasets[0].max_delete: has no effect with 'delete: never'" },
        { "zero interval", 3, "  schedule: { interval: 0s }", 3, 25, "source.schedule.interval: must be longer than 0s" },
        { "keep_runs repeated", 18, "  rsync: { active: dumps2, keep_runs: [1, 2, 2] }", 18, 46, "services.rsync.keep_runs[2]: 2 is listed twice" },
        { "unknown active host", 17, "  web: { active: dumps3 }", 17, 18, "services.web.active: unknown host 'dumps3'; did you mean 'dumps1'?" },
        { "section of wrong type", 17, "  web: [dumps1]", 17, 8, "services.web: expected a mapping of keys (active, listen" },
        { "rsync on the web port", 18, "  rsync: { active: dumps2, port: 80 }", 18, 34, "services.rsync.port: port 80 is already used by services.web.listen (line 17)" },
        { "nfs on the rsync port", 19, "  nfs-vps: { active: dumps1, port: 873 }", 19, 36, "services.nfs-vps.port: port 873 is already used by services.rsync.port (line 18)" },
        { "admin on the rsync port", 10, "    admin_address: 127.0.0.1:873", 10, 20, "hosts[0].admin_address: port 873 is already used by services.rsync.port (line 18); host 'dumps1' runs every service" },
        { "port out of range", 18, "  rsync: { active: dumps2, port: 70000 }", 18, 34, "services.rsync.port: must be at most 65535, got 70000" },
        { "https without certificate", 17, "  web: { active: dumps2, https_listen: 'https://0.0.0.0:443' }", 17, 40, "services.web: https_listen needs 'certificate'" },
        { "bad cidr prefix", 21, "qos: { block_cidrs: [10.0.0.0/33] }", 21, 22, "qos.block_cidrs[0]: '10.0.0.0/33' has a bad prefix length (0 to 32)" },
        { "cidr with host bits", 21, "qos: { allow_cidrs: [10.68.1.0/16] }", 21, 22, "qos.allow_cidrs[0]: '10.68.1.0/16' has host bits set; the network is 10.68.0.0/16" },
        { "cidrs not a list", 21, "qos: { block_cidrs: 10.0.0.0/8 }", 21, 21, "qos.block_cidrs: expected a list, got '10.0.0.0/8'" },
        { "bad regex", 21, "qos: { block_user_agents: ['(bot'] }", 21, 28, "qos.block_user_agents[0]: '(bot' is not a valid regular expression" },
        { "negative count", 21, "qos: { conn_limit: -1 }", 21, 20, "qos.conn_limit: must not be negative, got -1" },
        { "keep zero", 21, "retention: { default_keep: 0 }", 21, 28, "retention.default_keep: must be at least 1, got 0" },
        {
            "wiki in two classes", 21,
            "retention:\n  wiki_classes:\n    - { name: huge, wikis: [enwiki], keep: 7 }\n    - { name: big, wikis: [dewiki, enwiki], keep: 8 }",
            24, 36, "retention.wiki_classes[1].wikis[1]: duplicate wiki 'enwiki' (first at line 23)"
        },
        { "keep and max_age", 21, "retention:\n  other:\n    - { dataset: x, keep: 3, max_age: 3d }", 23, 7, "retention.other[0]: set exactly one of 'keep' or 'max_age'" },
        { "bad date", 21, MirrorSection("    added_date: 2024-02-30"), 25, 17, "mirrors[0].added_date: expected a date as YYYY-MM-DD, got '2024-02-30'" },
        { "bad bool", 21, MirrorSection("    active: yes"), 25, 13, "mirrors[0].active: expected true or false, got 'yes'" },
        { "bad mirror url", 21, "mirrors:\n  - name: m\n    url: notaurl\n    hostname: m.example.org", 23, 10, "mirrors[0].url: expected a URL starting with http:// or https:// or ftp:// or rsync://, got 'notaurl'" },
        { "unclosed flow list", 3, "  bwlimit: [80000", 3, 12, "malformed YAML: cannot parse what follows (an unclosed" },
        { "malformed yaml", 3, " bwlimit: 80000", 3, 2, "malformed YAML: While parsing a block mapping, did not find expected key" },
        { "duplicate key", 3, "  url: /srv/other", 3, 3, "duplicate key 'url' in 'source' (first at line 2)" },
        { "duplicate section", 21, "services: {}", 21, 1, "duplicate key 'services' at the top level (first at line 16)" },
        { "unknown alias", 18, "  rsync: *nothing", 18, 10, "unknown YAML alias '*nothing'" },
        { "admin not a mapping", 21, "admin: [ops]", 21, 8, "admin: expected a mapping of keys (tokens, certificate, certificate_key, ca, timeout), got a list" },
        { "bad listen_address", 9, "    public_address: 203.0.113.10\n    listen_address: 127.0.0.300", 10, 21, "hosts[0].listen_address: '127.0.0.300' is not an IPv4 or IPv6 address" },
        { "same admin_address", 14, "    admin_address: 127.0.0.1:9100", 14, 20, "hosts[1].admin_address: 127.0.0.1:9100 is also the admin_address of host 'dumps1' (line 10); each host needs its own admin API" },
        { "drain_deadline zero", 17, "  web: { active: dumps2, drain_deadline: 0s }", 17, 42, "services.web.drain_deadline: must be longer than 0s" },
        { "public_url with query", 17, "  web: { active: dumps2, public_url: 'https://d.example.org/?x=1' }", 17, 38, "services.web.public_url: must be scheme://host[:port][/path] with no user, query or fragment" },
        { "public_url not http", 17, "  web: { active: dumps2, public_url: ftp://d.example.org/ }", 17, 38, "services.web.public_url: expected a URL starting with http:// or https://, got 'ftp://d.example.org/'" },
        { "index_files with a path", 17, "  web: { active: dumps2, index_files: [a/index.html] }", 17, 40, "services.web.index_files[0]: expected a plain file name such as index.html, got 'a/index.html'" },
        { "bad stop_timeout", 17, "  web: { active: dumps2, stop_timeout: soon }", 17, 40, "services.web.stop_timeout: expected a duration such as 600, 600s, 10m, 8h or 30d, got 'soon'" },
        { "nfs export to everyone", 19, "  nfs-vps: { active: dumps1, clients: ['*'] }", 19, 40, "services.nfs-vps.clients[0]: '*' would export to every address; list the client networks" },
        { "nfs export to every ipv4", 19, "  nfs-vps: { active: dumps1, clients: [10.68.0.0/16, 0.0.0.0/0] }", 19, 54, "services.nfs-vps.clients[1]: '0.0.0.0/0' would export to every address" },
        { "nfs export to every ipv6", 20, "  nfs-analytics: { active: dumps1, clients: ['::/0'] }", 20, 46, "services.nfs-analytics.clients[0]: '::/0' would export to every address" },
        { "nfs export to every host name", 20, "  nfs-analytics: { active: dumps1, clients: ['*.*'] }", 20, 46, "services.nfs-analytics.clients[0]: '*.*' would match every host name" },
        { "nfs services on two ports", 20, "  nfs-analytics: { active: dumps1, port: 2050 }", 20, 42, "services.nfs-analytics.port: 2050 differs from services.nfs-vps.port 2049 (line 19); one NFS server per host serves both on one port" },
        { "admin unknown key", 21, "admin: { token: [] }", 21, 10, "unknown key 'token' in 'admin'; did you mean 'tokens'?" },
        {
            "admin token names repeated", 21, "admin:\n  tokens:\n    - { name: ops, file: /etc/a }\n    - { name: ops, file: /etc/b }",
            24, 15, "admin.tokens[1].name: duplicate admin token name 'ops' (first at line 23)"
        },
        { "admin token file relative", 21, "admin: { tokens: [{ name: ops, file: admin.token }] }", 21, 38, "admin.tokens[0].file: expected an absolute path, got 'admin.token'" },
        { "admin token without file", 21, "admin: { tokens: [{ name: ops }] }", 21, 19, "missing required key 'file' in 'admin.tokens[0]'" },
        { "admin certificate without key", 21, "admin: { certificate: /etc/a.crt }", 21, 23, "admin: certificate needs 'certificate_key'" },
        { "admin key without certificate", 21, "admin: { certificate_key: /etc/a.key }", 21, 27, "admin.certificate_key: is set but certificate is not" },
        { "admin ca without certificate", 21, "admin: { ca: /etc/ca.crt }", 21, 14, "admin.ca: is set but certificate is not; the admin API speaks TLS only with a certificate" },
        { "admin timeout zero", 21, "admin: { timeout: 0s }", 21, 19, "admin.timeout: must be longer than 0s" },
        { "unknown store", 21, "assignments: { store: etdc }", 21, 23, "assignments.store: expected one of peers, etcd, got 'etdc'; did you mean 'etcd'?" },
        { "etcd store without etcd", 21, "assignments: { store: etcd }", 21, 23, "assignments.store: 'etcd' needs assignments.etcd with its endpoints" },
        { "etcd without endpoints", 21, "assignments: { store: etcd, etcd: { prefix: /x/ } }", 21, 35, "missing required key 'endpoints' in 'assignments.etcd'" },
        { "etcd endpoints empty", 21, "assignments: { store: etcd, etcd: { endpoints: [] } }", 21, 48, "assignments.etcd.endpoints: at least one endpoint is required" },
        { "etcd endpoint not http", 21, "assignments: { store: etcd, etcd: { endpoints: ['grpc://etcd1:2379'] } }", 21, 49, "assignments.etcd.endpoints[0]: expected a URL starting with http:// or https://, got 'grpc://etcd1:2379'" },
        { "etcd with peers store", 21, "assignments: { etcd: { endpoints: ['http://etcd1:2379'] } }", 21, 22, "assignments.etcd: has no effect with 'store: peers'; set 'store: etcd' or remove it" },
        { "refresh zero", 21, "assignments: { refresh: 0 }", 21, 25, "assignments.refresh: must be longer than 0s" },
    };

    /// <summary>Case name, the minimal file with several lines replaced, and the error expected at line:column.</summary>
    public static TheoryData<string, string, int, int, string> BadEdits => new()
    {
        {
            "two hosts on one listen_address",
            ConfigSamples.WithLines((11, "    root: /srv/dumps\n    listen_address: 127.0.0.2"), (15, "    root: /srv/dumps\n    listen_address: 127.0.0.2")),
            17, 21, "hosts[1].listen_address: 127.0.0.2 is also the listen_address of host 'dumps1' (line 12); two hosts on one address would bind the same ports"
        },
        {
            "same admin_address, different listen_address",
            ConfigSamples.WithLines((11, "    root: /srv/dumps\n    listen_address: 127.0.0.2"), (14, "    admin_address: 127.0.0.1:9100"), (15, "    root: /srv/dumps\n    listen_address: 127.0.0.3")),
            15, 20, "hosts[1].admin_address: 127.0.0.1:9100 is also the admin_address of host 'dumps1' (line 10)"
        },
        {
            "admin on a service port despite listen_address",
            ConfigSamples.WithLines((10, "    admin_address: 127.0.0.9:873"), (11, "    root: /srv/dumps\n    listen_address: 127.0.0.2")),
            10, 20, "hosts[0].admin_address: port 873 is already used by services.rsync.port (line 19); host 'dumps1' runs every service"
        },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public void Parse_BadEdits_ReportsErrorAtPosition(string name, string yaml, int line, int column, string message)
    {
        var result = ClusterConfigLoader.Parse(yaml, "cluster.yaml");

        Assert.False(result.Success, name);
        Assert.True(
            result.Errors.Any(e => e.Line == line && e.Column == column && e.Message.Contains(message, StringComparison.Ordinal)),
            $"{name}: expected {line}:{column} '{message}', got:\n{string.Join('\n', result.Errors)}");
    }

    [Theory]
    [MemberData(nameof(BadConfigs))]
    public void Parse_BadConfig_ReportsErrorAtPosition(string name, int replaceLine, string text, int line, int column, string message)
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.WithLine(replaceLine, text), "cluster.yaml");

        Assert.False(result.Success, name);
        Assert.Null(result.Config);
        Assert.True(
            result.Errors.Any(e => e.File == "cluster.yaml" && e.Line == line && e.Column == column && e.Message.Contains(message, StringComparison.Ordinal)),
            $"{name}: expected {line}:{column} '{message}', got:\n{string.Join('\n', result.Errors)}");
    }

    [Fact]
    public void Parse_MinimalConfig_HasNoErrors()
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.Minimal, "cluster.yaml");

        Assert.Empty(result.Errors);
        Assert.True(result.Success);
    }

    [Fact]
    public void Parse_SeveralErrors_ReportsEveryOneInFileOrder()
    {
        var yaml = string.Join('\n',
            "source:",
            "  url: /srv/source",
            "  bwlimt: 80000",                       // 3: unknown key
            "datasets:",
            "  - name: xmldatadumps",
            "    path: public",
            "    layout: tree",                      // 7: bad enum
            "hosts:",
            "  - name: dumps1",
            "    public_address: 203.0.113.300",     // 10: bad ip
            "    admin_address: 127.0.0.1:9100",
            "    root: /srv/dumps",
            "services:",
            "  web: { active: dumps9 }",             // 14: unknown host
            "  rsync: { active: dumps1, max_connections: -3 }", // 15: negative
            "  nfs-vps: { active: dumps1 }",
            "  nfs-analytics: { active: dumps1, clients: [10.0.0.0/99] }", // 17: bad cidr
            "qos:",
            "  block_user_agents: ['[a-']",          // 19: bad regex
            "  conn_limit: 3",
            "  conn_limit: 4",                       // 21: duplicate key
            "");

        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        Assert.Equal(
            new[] { (3, 3), (7, 13), (10, 21), (14, 18), (15, 45), (17, 46), (19, 23), (21, 3) },
            result.Errors.Select(e => (e.Line, e.Column)).ToArray());
        Assert.All(result.Errors, e => Assert.StartsWith($"c.yaml:{e.Line}:{e.Column}: error: ", e.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MisspelledRequiredKey_ReportsOneErrorNotAlsoMissing()
    {
        var result = ClusterConfigLoader.Parse(ConfigSamples.WithLine(11, "    rooot: /srv/dumps"), "c.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal("c.yaml:11:5: error: unknown key 'rooot' in 'hosts[0]'; did you mean 'root'?", error.ToString());
    }

    [Fact]
    public void Load_MissingFile_ReturnsOneErrorWithoutPosition()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dumpdist-no-such-{Guid.NewGuid():N}.yaml");

        var result = ClusterConfigLoader.Load(path);

        var error = Assert.Single(result.Errors);
        Assert.Equal($"{path}: error: cannot read the cluster file: no such file", error.ToString());
    }

    [Theory]
    [InlineData("", "the cluster file is empty")]
    [InlineData("# only a comment\n", "the cluster file is empty")]
    [InlineData("- a\n- b\n", "expected a mapping of keys (source, datasets")]
    [InlineData("just text\n", "expected a mapping of keys (source, datasets")]
    public void Parse_NotAMapping_ReportsOneError(string yaml, string message)
    {
        var result = ClusterConfigLoader.Parse(yaml, "c.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static string MirrorSection(string extra) =>
        $"mirrors:\n  - name: m\n    url: https://m.example.org/\n    hostname: m.example.org\n{extra}";
}
