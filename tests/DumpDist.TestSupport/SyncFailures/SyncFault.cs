namespace DumpDist.TestSupport.SyncFailures;

/// <summary>
/// A failing pass as <see cref="SyncFailureLab.ArrangeAsync"/> set it up: the rsync module to pull from (the dataset is its <c>public/</c>),
/// the dataset's delete settings, the rsync to run (a wrapper for faults that strike mid-pass),
/// and what the pass's message must name: the stage and the cause.
/// </summary>
public sealed record SyncFault(string ModuleUrl, bool MirrorExact, int MaxDelete, string RsyncPath, string Stage, string Cause);
