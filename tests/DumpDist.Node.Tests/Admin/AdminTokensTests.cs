using DumpDist.Node.Admin;
using DumpDist.TestSupport;

namespace DumpDist.Node.Tests.Admin;

public sealed class AdminTokensTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("tokens");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Authenticate_RightToken_ReturnsItsName_WrongOrMissing_ReturnsNull()
    {
        var tokens = AdminTokens.Load([("ops", Write("ops", "s3cret", UnixFileMode.UserRead | UnixFileMode.UserWrite)), ("peer", Write("peer", "other\n", UnixFileMode.UserRead))], out var errors)!;

        Assert.Empty(errors);
        Assert.Equal("ops", tokens.Authenticate("Bearer s3cret"));
        Assert.Equal("peer", tokens.Authenticate("bearer other"));
        Assert.Null(tokens.Authenticate("Bearer s3cre"));
        Assert.Null(tokens.Authenticate("Bearer s3cret-and-more"));
        Assert.Null(tokens.Authenticate("Basic czNjcmV0"));
        Assert.Null(tokens.Authenticate(string.Empty));
        Assert.Null(tokens.Authenticate(null));
        Assert.Equal("s3cret", tokens.PeerToken);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead, "0604")]
    public void Load_FileReadableByOthers_RefusedNamingModeAndFix(UnixFileMode mode, string octal)
    {
        var path = Write("loose", "s3cret", mode);

        var tokens = AdminTokens.Load([("ops", path)], out var errors);

        Assert.Null(tokens);
        var error = Assert.Single(errors);
        Assert.Contains("admin.tokens 'ops'", error, StringComparison.Ordinal);
        Assert.Contains(octal, error, StringComparison.Ordinal);
        Assert.Contains($"chmod 600 {path}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EmptyOrMissingFile_Refused()
    {
        var empty = Write("empty", "  \n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        Assert.Null(AdminTokens.Load([("a", empty)], out var emptyErrors));
        Assert.Null(AdminTokens.Load([("b", Path.Combine(_dir, "absent"))], out var missingErrors));
        Assert.Contains("is empty", Assert.Single(emptyErrors), StringComparison.Ordinal);
        Assert.Contains("cannot read", Assert.Single(missingErrors), StringComparison.Ordinal);
    }

    private string Write(string name, string content, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
