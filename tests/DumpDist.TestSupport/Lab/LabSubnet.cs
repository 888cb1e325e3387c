using System.Globalization;

namespace DumpDist.TestSupport.Lab;

/// <summary>
/// A /24 under 10.214.0.0 to 10.229.255.0 picked at random and claimed for this process with a
/// file under /tmp (created exclusively), so concurrent labs never share one. A claim whose owner
/// process is gone is taken over. The addresses exist only inside the lab's namespaces.
/// </summary>
public sealed class LabSubnet : IDisposable
{
    private static readonly string ClaimDirectory = Path.Combine(Path.GetTempPath(), "dumpdist-lab-subnets");
    private readonly string _claim;

    private LabSubnet(string prefix, string claim)
    {
        Prefix = prefix;
        _claim = claim;
    }

    /// <summary>The first three octets, e.g. <c>10.217.41</c>.</summary>
    public string Prefix { get; }

    /// <summary>The network, e.g. <c>10.217.41.0/24</c>.</summary>
    public string Cidr => $"{Prefix}.0/24";

    /// <summary>The address ending in <paramref name="host"/> (1 to 254).</summary>
    public string Address(int host) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{host}");

    /// <summary>Claims a free /24.</summary>
    public static LabSubnet Claim()
    {
        Directory.CreateDirectory(ClaimDirectory);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"10.{214 + Random.Shared.Next(16)}.{Random.Shared.Next(256)}");
            var claim = Path.Combine(ClaimDirectory, prefix);
            try
            {
                using (var file = new FileStream(claim, FileMode.CreateNew, FileAccess.Write))
                using (var writer = new StreamWriter(file))
                {
                    writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                }

                return new LabSubnet(prefix, claim);
            }
            catch (IOException) when (File.Exists(claim))
            {
                if (OwnerIsGone(claim))
                {
                    File.Delete(claim);
                }
            }
        }

        throw new InvalidOperationException($"no free /24 under 10.214-229.x.0 (claims in {ClaimDirectory})");
    }

    public void Dispose() => File.Delete(_claim);

    private static bool OwnerIsGone(string claim)
    {
        try
        {
            return int.TryParse(File.ReadAllText(claim), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && !Directory.Exists($"/proc/{pid}");
        }
        catch (IOException)
        {
            return false;
        }
    }
}
