namespace DumpDist.Sync.Verification;

/// <summary>One file to check: where it is, its path for reports, and what it must match.</summary>
public sealed record VerifyItem(string FullPath, string RelativePath, ExpectedFile Expected);
