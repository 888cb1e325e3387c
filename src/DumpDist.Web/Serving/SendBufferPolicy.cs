using System.Globalization;

namespace DumpDist.Web.Serving;

/// <summary>
/// Gives a zero-copy download a send buffer twice the kernel's autotuning ceiling once its
/// connection has reached that ceiling (<c>net.ipv4.tcp_wmem</c>'s maximum): a client that keeps
/// up. Each "socket writable" wake-up then carries twice the bytes, so a download at a NIC's pace
/// costs half the wake-ups (measured: context switches per 4 GiB at 4 x 150 MB/s 2,630 -> 1,680,
/// server CPU per GB -22%). A slow client never reaches the ceiling and keeps autotuning, so a
/// thousand slow downloads do not each queue megabytes in the kernel.
/// </summary>
/// <remarks>
/// Setting SO_SNDBUF turns autotuning off for that socket and is capped by <c>net.core.wmem_max</c>
/// (the kernel doubles the value asked for). Where <c>wmem_max</c> is below the autotuning
/// ceiling (the kernel's default 208 KiB) a set size would be smaller than what autotuning
/// reaches, so nothing is changed there; operators who want the gain raise <c>wmem_max</c>
/// to at least <c>tcp_wmem</c>'s maximum (docs/operations.md).
/// </remarks>
internal sealed class SendBufferPolicy(long? autotuneCeiling, long? settableMax)
{
    /// <summary>Largest size asked for (the kernel doubles it).</summary>
    public const int MaxRequest = 8 * 1024 * 1024;

    public static readonly SendBufferPolicy Off = new(null, null);

    private static readonly Lazy<SendBufferPolicy> System = new(() => new SendBufferPolicy(
        ReadLast("/proc/sys/net/ipv4/tcp_wmem"), ReadLast("/proc/sys/net/core/wmem_max")));

    /// <summary>The policy of this machine's sysctls, read once.</summary>
    public static SendBufferPolicy FromSystem() => System.Value;

    /// <summary>True when raising can ever happen here.</summary>
    public bool CanRaise => autotuneCeiling is { } ceiling && settableMax is { } max && max >= ceiling;

    /// <summary>The SO_SNDBUF to ask for on a socket whose buffer is now <paramref name="current"/> bytes, or null to leave it.</summary>
    public int? Raise(int current)
    {
        if (!CanRaise || current < autotuneCeiling!.Value)
        {
            return null;
        }

        var ask = Math.Min(settableMax!.Value, Math.Max(autotuneCeiling.Value, MaxRequest));
        return (int)Math.Min(ask, int.MaxValue / 2);
    }

    private static long? ReadLast(string path)
    {
        try
        {
            var fields = File.ReadAllText(path).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields.Length > 0 && long.TryParse(fields[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
