using DumpDist.Sync.Publishing;
using DumpDist.Sync.Transport;

namespace DumpDist.Sync.Tests.Publishing;

public sealed class StageArgumentsTests
{
    private static readonly SyncPassOptions Options = new()
    {
        Dataset = "dumps",
        Host = "h",
        Source = RsyncEndpoint.TryParse("rsync://gen.example/dumps/public/", out _)!,
        Destination = "/srv/dumps/public",
        TraceRoot = "/srv/dumps",
        StateDirectory = "/var/lib/dumpdist",
        Transfer = new RsyncTransferOptions { BandwidthLimit = "80000" },
    };

    [Fact]
    public void Stages_NeverInplace_PartialDirWithoutDeletes()
    {
        foreach (var arguments in new[] { StageArguments.Data(Options), StageArguments.DataListed(Options, "/l"), StageArguments.Status(Options, "/l", "/stage"), StageArguments.StatusWalk(Options, "/stage"), StageArguments.Refetch(Options, "/l") })
        {
            Assert.DoesNotContain("--inplace", arguments);
            Assert.Contains("--partial-dir=.~tmp~", arguments);
            Assert.DoesNotContain(arguments, a => a.StartsWith("--delete", StringComparison.Ordinal));
            Assert.Contains("--bwlimit=80000", arguments);
            Assert.Contains("--contimeout=600", arguments);
            Assert.Contains("--sockopts=TCP_NODELAY", arguments);
        }
    }

    [Fact]
    public void Stages_NoDelayUpdates_StatusGoesToStagingNotTheDestination()
    {
        foreach (var arguments in new[] { StageArguments.Data(Options), StageArguments.DataListed(Options, "/l"), StageArguments.Status(Options, "/l", "/stage"), StageArguments.StatusWalk(Options, "/stage") })
        {
            Assert.DoesNotContain("--delay-updates", arguments);
        }

        Assert.Equal("/stage/", StageArguments.Status(Options, "/l", "/stage")[^1]);
        Assert.Equal("/stage/", StageArguments.StatusWalk(Options, "/stage")[^1]);
        Assert.Equal("/srv/dumps/public/", StageArguments.Data(Options)[^1]);
    }

    [Fact]
    public void StatusWalk_OnlyStatusAndIndexFiles_ComparedWithTheDestination()
    {
        var arguments = StageArguments.StatusWalk(Options, "/stage");

        Assert.Contains("--compare-dest=/srv/dumps/public", arguments);
        Assert.Contains("--prune-empty-dirs", arguments);
        Assert.Contains("--include=latest/***", arguments);
        Assert.Contains("--include=dumpstatus.json", arguments);
        Assert.Contains("--stats", arguments);

        // Never-published excludes come first, the catch-all exclude last.
        Assert.True(arguments.IndexOf("--exclude=*.inprog") < arguments.IndexOf("--include=*/"));
        Assert.Equal(arguments.IndexOf("--include=*/") + 1, arguments.IndexOf("--exclude=*"));
    }

    [Fact]
    public void Walks_NeverTouchTheStagingDirectory()
    {
        Assert.Contains("--exclude=/.~dumpdist-staging~/", StageArguments.Plan(Options));
        Assert.Contains("--exclude=/.~dumpdist-staging~/", StageArguments.Data(Options with { MirrorExact = true, MaxDelete = 5 }));
    }

    [Fact]
    public void Data_MirrorExact_DeletesBoundedByMaxDelete()
    {
        var arguments = StageArguments.Data(Options with { MirrorExact = true, MaxDelete = 500 });

        Assert.Contains("--delete-delay", arguments);
        Assert.Contains("--max-delete=500", arguments);
    }

    [Theory]
    [InlineData("--exclude=*.inprog")]
    [InlineData("--exclude=tmp/")]
    [InlineData("--exclude=bad/")]
    [InlineData("--exclude=dumpstatus.json")]
    [InlineData("--exclude=*.html")]
    [InlineData("--exclude=latest/")]
    [InlineData("--exclude=*sha1sums*.txt")]
    public void Data_Walk_ExcludesNeverPublishedAndStatusFiles(string exclude) =>
        Assert.Contains(exclude, StageArguments.Data(Options));

    [Fact]
    public void Listed_FilesFrom_FromModuleRootNulSeparatedIgnoringVanished()
    {
        var arguments = StageArguments.DataListed(Options, "/tmp/list");

        Assert.Equal(["rsync://gen.example/dumps/", "/srv/dumps/public/"], arguments[^2..]);
        Assert.Contains("--files-from=/tmp/list", arguments);
        Assert.Contains("--from0", arguments);
        Assert.Contains("--ignore-missing-args", arguments);
        Assert.Contains("--checksum", StageArguments.Refetch(Options, "/tmp/list"));
    }

    [Fact]
    public void Plan_DryRunWithStatsAndNoBandwidthLimit()
    {
        var arguments = StageArguments.Plan(Options);

        Assert.Contains("--dry-run", arguments);
        Assert.Contains("--stats", arguments);
        Assert.Contains("--exclude=*.inprog", arguments);
        Assert.DoesNotContain("--exclude=dumpstatus.json", arguments);
        Assert.DoesNotContain(arguments, a => a.StartsWith("--bwlimit", StringComparison.Ordinal));
        Assert.Equal(["rsync://gen.example/dumps/public/", "/srv/dumps/public/"], arguments[^2..]);
    }
}
