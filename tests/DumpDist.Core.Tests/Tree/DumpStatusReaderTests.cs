using System.Text;
using DumpDist.Core.Tree;

namespace DumpDist.Core.Tests.Tree;

public sealed class DumpStatusReaderTests
{
    private const string DoneJob = """{"status": "done", "updated": "2026-11-02 10:11:12", "files": {"a.bz2": {"size": 10, "url": "/w/20261101/a.bz2", "md5": "0123456789abcdef0123456789abcdef", "sha1": "0123456789abcdef0123456789abcdef01234567"}}}""";

    [Theory]
    [InlineData("""{"jobs": {"a": {"status": "done"}, "b": {"status": "skipped"}}, "version": "0.8"}""", RunState.Good)]
    [InlineData("""{"jobs": {"a": {"status": "done"}, "b": {"status": "waiting"}}}""", RunState.InProgress)]
    [InlineData("""{"jobs": {"a": {"status": "in-progress"}, "b": {"status": "done"}}}""", RunState.InProgress)]
    [InlineData("""{"jobs": {"a": {"status": "failed"}, "b": {"status": "in-progress"}}}""", RunState.Failed)]
    [InlineData("""{"jobs": {"a": {"status": "done"}, "b": {"status": "exploded"}}}""", RunState.Unknown)]
    [InlineData("""{"jobs": {}}""", RunState.Unknown)]
    public void Parse_JobStatuses_DeriveRunState(string json, RunState expected)
    {
        var result = DumpStatusReader.Parse("s.json", Encoding.UTF8.GetBytes(json));

        Assert.True(result.Succeeded, result.Problem?.ToString());
        Assert.Equal(expected, result.Value.RunState);
    }

    [Fact]
    public void Parse_DoneJob_ReadsFilesSumsAndUpdated()
    {
        var json = $$"""{"jobs": {"articlesdump": {{DoneJob}}}, "version": "0.8", "unknown_field": [1, 2]}""";

        var result = DumpStatusReader.Parse("s.json", Encoding.UTF8.GetBytes(json));

        Assert.True(result.Succeeded);
        var job = Assert.Single(result.Value.Jobs);
        Assert.Equal("articlesdump", job.Name);
        Assert.Equal(JobState.Done, job.State);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 10, 11, 12, TimeSpan.Zero), job.Updated);
        var file = Assert.Single(job.Files);
        Assert.Equal(new DumpFileEntry("a.bz2", 10, "/w/20261101/a.bz2", "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef01234567"), file);
        Assert.Equal("0.8", result.Value.Version);
    }

    [Theory]
    [InlineData("", "empty file")]
    [InlineData("""{"jobs": {"a": {"status": "do""", "malformed JSON at line 1")]
    [InlineData("[1, 2]", "top level is not a JSON object")]
    [InlineData("""{"version": "0.8"}""", "missing \"jobs\" object")]
    [InlineData("""{"jobs": {"a": 3}}""", "job \"a\" is not an object")]
    [InlineData("{\n\"jobs\": {\n\"a\": {\"status\": }}}", "malformed JSON at line 3")]
    public void Parse_BadDocument_ReportsProblemWithoutThrowing(string json, string expected)
    {
        var result = DumpStatusReader.Parse("/t/dumpstatus.json", Encoding.UTF8.GetBytes(json));

        Assert.False(result.Succeeded);
        Assert.Equal("/t/dumpstatus.json", result.Problem.Path);
        Assert.Contains(expected, result.Problem.Message);
    }

    [Fact]
    public void Read_MissingFile_ReportsProblem()
    {
        var result = DumpStatusReader.Read("/nonexistent/dumpstatus.json");

        Assert.False(result.Succeeded);
        Assert.Contains("cannot read", result.Problem.Message);
    }
}
