namespace DumpDist.Sync.Verification;

/// <summary>A file that did not verify, and why.</summary>
public sealed record VerifyProblem(string Path, VerifyProblemKind Kind, string Message);
