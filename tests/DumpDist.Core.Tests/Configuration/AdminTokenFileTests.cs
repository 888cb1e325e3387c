using System.Runtime.Versioning;
using DumpDist.Core.Configuration;
using DumpDist.TestSupport;

namespace DumpDist.Core.Tests.Configuration;

[UnsupportedOSPlatform("windows")]
public sealed class AdminTokenFileTests : IDisposable
{
    private readonly string _dir = TestPaths.NewTempDirectory("admin-token");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData(UnixFileMode.UserRead)]
    public void TryRead_OwnerOnlyFile_ReturnsTrimmedToken(UnixFileMode mode)
    {
        var path = Write("  s3cr3t-token\n\n", mode);

        var ok = AdminTokenFile.TryRead(path, out var token, out var error);

        Assert.True(ok, error);
        Assert.Equal("s3cr3t-token", token);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead, "0644")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, "0640")]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite, "0602")]
    public void TryRead_GroupOrOtherHaveAccess_RefusedNamingFileAndMode(UnixFileMode mode, string octal)
    {
        var path = Write("s3cr3t-token\n", mode);

        var ok = AdminTokenFile.TryRead(path, out var token, out var error);

        Assert.False(ok);
        Assert.Equal(string.Empty, token);
        Assert.Equal($"admin token file {path} has mode {octal}, which gives group or others access; run chmod 600 {path}", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t\n")]
    public void TryRead_EmptyFile_Refused(string content)
    {
        var path = Write(content, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ok = AdminTokenFile.TryRead(path, out _, out var error);

        Assert.False(ok);
        Assert.Equal($"admin token file {path} is empty", error);
    }

    [Fact]
    public void TryRead_TwoWords_Refused()
    {
        var path = Write("token one\n", UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var ok = AdminTokenFile.TryRead(path, out _, out var error);

        Assert.False(ok);
        Assert.Contains("holds more than one word", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_MissingFile_SaysNoSuchFile()
    {
        var path = Path.Combine(_dir, "missing.token");

        var ok = AdminTokenFile.TryRead(path, out _, out var error);

        Assert.False(ok);
        Assert.Equal($"cannot read admin token file {path}: no such file", error);
    }

    [Fact]
    public void TryRead_Directory_SaysSo()
    {
        var ok = AdminTokenFile.TryRead(_dir, out _, out var error);

        Assert.False(ok);
        Assert.Equal($"cannot read admin token file {_dir}: is a directory", error);
    }

    private string Write(string content, UnixFileMode mode)
    {
        var path = Path.Combine(_dir, "admin.token");
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
        return path;
    }
}
