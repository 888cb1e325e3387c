using DumpDist.Core.Tree;

namespace DumpDist.Retention.Planning;

/// <summary>
/// What one cleanup pass would do to a tree: the removals, the entries held back by a guard, the
/// problems that stopped a decision (an unreadable dumpstatus.json: that run is never removed),
/// notes (a rule that cannot apply), and the wiki and dataset directories (where a fallback trash may be).
/// </summary>
internal sealed record CleanupPlan(
    string Root,
    IReadOnlyList<PlannedRemoval> Removals,
    IReadOnlyList<HeldEntry> Held,
    IReadOnlyList<TreeProblem> Problems,
    IReadOnlyList<string> Notes,
    int Wikis,
    int OtherDatasets,
    IReadOnlyList<string> OwnerDirectories);
