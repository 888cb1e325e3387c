namespace DumpDist.Web.Serving;

/// <summary>What verification knows about one file version.</summary>
/// <param name="Sha256">Raw SHA-256 bytes, or null when not computed.</param>
/// <param name="Failed">True when the file did not match its published checksum.</param>
internal sealed record DigestInfo(byte[]? Sha256, bool Failed);
