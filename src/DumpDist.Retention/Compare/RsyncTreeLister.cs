using DumpDist.Sync.Transport;

namespace DumpDist.Retention.Compare;

/// <summary>Lists an rsync daemon URL with rsync itself (<c>--list-only -r -l</c>), through the one rsync wrapper.</summary>
internal sealed class RsyncTreeLister(RsyncRunner rsync)
{
    /// <summary>The listing, or null and rsync's explanation when the daemon could not be listed.</summary>
    public async Task<(TreeListing? Listing, string? Error)> ListAsync(ComparedSide side, Execution.PassProgress? progress, CancellationToken cancellationToken)
    {
        var builder = new TreeListingBuilder();
        var unparsed = 0;
        var result = await rsync.RunAsync(
            ["--list-only", "-r", "-l", "--no-h", "--contimeout=60", .. PublishedFilter.RsyncExcludes, side.Daemon!.Value],
            line =>
            {
                if (RsyncListParser.Parse(line) is { } parsed)
                {
                    builder.Add(parsed.Path, parsed.Entry, parsed.LinkTarget);
                    if ((builder.Count & 0x3FF) == 0)
                    {
                        progress?.Advance(0x400);
                    }
                }
                else if (line.Length > 0 && !line.EndsWith(" .", StringComparison.Ordinal))
                {
                    unparsed++;
                }
            },
            cancellationToken);
        if (!result.Succeeded)
        {
            return (null, $"{side.Argument}: {result.Describe()}");
        }

        return unparsed > 0
            ? (null, $"{side.Argument}: {unparsed} lines of rsync's listing could not be read")
            : (builder.Build(side.Argument, wallClockMtimes: true), null);
    }
}
