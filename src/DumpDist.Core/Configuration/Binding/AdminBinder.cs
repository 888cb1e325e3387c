using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>
/// Binds <c>admin</c> (optional): token names unique, token files absolute, <c>certificate</c> and <c>certificate_key</c>
/// together, <c>ca</c> only with a certificate. The token files themselves are host-local and checked by the node.
/// </summary>
internal static class AdminBinder
{
    public static readonly string[] Keys = ["tokens", "certificate", "certificate_key", "ca", "timeout"];

    private static readonly string[] TokenKeys = ["name", "file"];

    public static AdminConfig Bind(MappingReader root)
    {
        var defaults = new AdminConfig();
        var map = root.Mapping("admin", Keys);
        if (map is null)
        {
            return defaults;
        }

        var reader = map.Reader;
        var certificate = map.ParseObject<string>("certificate", Scalars.AbsolutePath);
        var key = map.ParseObject<string>("certificate_key", Scalars.AbsolutePath);
        var ca = map.ParseObject<string>("ca", Scalars.AbsolutePath);
        var timeout = map.Parse<TimeSpan>("timeout", Scalars.Duration);
        if (map.Has("certificate") && !map.Has("certificate_key"))
        {
            reader.Error(reader.Positions.Of(map.PathOf("certificate")), map.Path, "certificate needs 'certificate_key'");
        }

        if (map.Has("certificate_key") && !map.Has("certificate"))
        {
            reader.Error(reader.Positions.Of(map.PathOf("certificate_key")), map.PathOf("certificate_key"), "is set but certificate is not");
        }

        if (map.Has("ca") && !map.Has("certificate"))
        {
            reader.Error(reader.Positions.Of(map.PathOf("ca")), map.PathOf("ca"), "is set but certificate is not; the admin API speaks TLS only with a certificate");
        }

        if (timeout == TimeSpan.Zero)
        {
            reader.Error(reader.Positions.Of(map.PathOf("timeout")), map.PathOf("timeout"), "must be longer than 0s");
        }

        var tokens = map.Sequence("tokens");
        return new AdminConfig
        {
            Tokens = tokens is null ? defaults.Tokens : BindTokens(reader, tokens),
            Certificate = certificate,
            CertificateKey = key,
            Ca = ca,
            Timeout = timeout ?? defaults.Timeout,
        };
    }

    private static List<AdminTokenConfig> BindTokens(NodeReader reader, IReadOnlyList<(ConfigNode Node, string Path)> items)
    {
        var tokens = new List<AdminTokenConfig>();
        var names = new List<(string, string)>();
        foreach (var (node, path) in items)
        {
            var map = reader.Mapping(node, path, TokenKeys);
            if (map is null)
            {
                continue;
            }

            var name = map.ParseObject<string>("name", Scalars.Name, required: true) ?? string.Empty;
            names.Add((name, map.PathOf("name")));
            tokens.Add(new AdminTokenConfig
            {
                Name = name,
                File = map.ParseObject<string>("file", Scalars.AbsolutePath, required: true) ?? string.Empty,
            });
        }

        UniqueNames.Check(reader, names, "admin token name");
        return tokens;
    }
}
