using System.Globalization;

namespace DumpDist.Sync.Safety;

/// <summary>
/// Refuses a pass when the source looks empty or has lost more than a fraction of the files seen
/// at the last good pass: an unmounted or half-mounted source must never wipe a serving host.
/// </summary>
public static class SourceGuard
{
    /// <summary>Decides from the publishable files the source lists now and at the last good pass.</summary>
    public static GuardDecision Check(long sourceFiles, long? filesAtLastGoodPass, double maxLossFraction)
    {
        if (sourceFiles == 0)
        {
            return GuardDecision.Refuse("the source lists no publishable files (unmounted or empty?); refusing to sync");
        }

        if (filesAtLastGoodPass is not { } previous || previous <= 0)
        {
            return GuardDecision.Allow;
        }

        var minimum = (long)Math.Ceiling(previous * (1 - maxLossFraction));
        if (sourceFiles < minimum)
        {
            var lost = (double)(previous - sourceFiles) / previous;
            return GuardDecision.Refuse(string.Create(
                CultureInfo.InvariantCulture,
                $"the source lists {sourceFiles} files, {lost:P0} fewer than the {previous} at the last good pass (limit {maxLossFraction:P0}); refusing to sync"));
        }

        return GuardDecision.Allow;
    }
}
