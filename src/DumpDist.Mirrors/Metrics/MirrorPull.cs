namespace DumpDist.Mirrors.Metrics;

/// <summary>What one mirror did against this host's daemon since the node started.</summary>
/// <param name="LastPull">When its last session ended normally.</param>
/// <param name="Pulls">Sessions that ended normally.</param>
/// <param name="BytesSent">Bytes the daemon sent it.</param>
/// <param name="Files">Files sent.</param>
/// <param name="Errors">Sessions that ended with an rsync error.</param>
/// <param name="Refused">Connections refused (not allowed, unknown module, max connections).</param>
public sealed record MirrorPull(DateTimeOffset? LastPull, long Pulls, long BytesSent, long Files, long Errors, long Refused);
