using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Rules;

/// <summary>
/// NFS client entries that parsed as a network or a host name must still name real clients: no entry may export to
/// everyone (<c>*</c>, <c>0.0.0.0/0</c>, <c>::/0</c>, <c>*.*</c>) or be malformed for exports(5) and ganesha.
/// </summary>
internal static class NfsClientsRule
{
    public static void Check(NodeReader reader, IEnumerable<(NfsClient Client, string Path)> clients)
    {
        foreach (var (client, path) in clients)
        {
            if (NfsClientValidator.Validate(client.Text) is { } problem)
            {
                reader.Error(reader.Positions.Of(path), path, problem);
            }
        }
    }
}
