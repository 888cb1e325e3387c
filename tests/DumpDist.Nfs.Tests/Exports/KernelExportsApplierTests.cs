using DumpDist.Nfs.Exports;
using DumpDist.Core.Processes;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.Exports;

public sealed class KernelExportsApplierTests : IDisposable
{
    private readonly FakeExportfs _exportfs = new();
    private readonly KernelExportsApplier _applier;

    public KernelExportsApplierTests()
    {
        _applier = new KernelExportsApplier(
            new KernelExportsOptions { ExportsFile = _exportfs.ExportsFile, ExportfsPath = _exportfs.ProgramPath },
            new ChildProcessRunner());
    }

    [Fact]
    public async Task ApplyAsync_NewFile_WritesFileThenRunsExportfsRa()
    {
        var content = KernelExportsRenderer.Render(ExportSamples.Production);

        var result = await _applier.ApplyAsync(content, CancellationToken.None);

        Assert.True(result.Applied, result.Detail);
        Assert.True(result.Changed);
        Assert.Equal(content, await File.ReadAllTextAsync(_exportfs.ExportsFile));
        Assert.Equal("args: -ra\n" + content, _exportfs.Calls); // exportfs saw the complete new file
    }

    [Fact]
    public async Task ApplyAsync_SameContentTwice_SecondIsUnchanged()
    {
        var content = KernelExportsRenderer.Render(ExportSamples.Production);
        await _applier.ApplyAsync(content, CancellationToken.None);
        var before = File.GetLastWriteTimeUtc(_exportfs.ExportsFile);

        var result = await _applier.ApplyAsync(content, CancellationToken.None);

        Assert.True(result.Applied);
        Assert.False(result.Changed);
        Assert.Equal(before, File.GetLastWriteTimeUtc(_exportfs.ExportsFile));
    }

    [Fact]
    public async Task ApplyAsync_ExportfsRejects_RestoresPreviousFileAndReportsError()
    {
        var good = KernelExportsRenderer.Render(ExportSamples.Production);
        await _applier.ApplyAsync(good, CancellationToken.None);

        var result = await _applier.ApplyAsync(good.Replace("10.64.21.3", "BADCLIENT", StringComparison.Ordinal), CancellationToken.None);

        Assert.False(result.Applied);
        Assert.Contains("exportfs -ra exited with 1: exportfs: Failed to resolve BADCLIENT", result.Detail);
        Assert.Contains("restored the previous", result.Detail);
        Assert.Equal(good, await File.ReadAllTextAsync(_exportfs.ExportsFile));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(_exportfs.ExportsFile)!, "*.tmp"));
    }

    [Fact]
    public async Task ApplyAsync_ExportfsMissing_FailsAndRemovesNewFile()
    {
        var applier = new KernelExportsApplier(
            new KernelExportsOptions { ExportsFile = _exportfs.ExportsFile, ExportfsPath = Path.Combine(_exportfs.Directory, "no-such-exportfs") },
            new ChildProcessRunner());

        var result = await applier.ApplyAsync("/srv x(ro)\n", CancellationToken.None);

        Assert.False(result.Applied);
        Assert.Contains("cannot start", result.Detail);
        Assert.False(File.Exists(_exportfs.ExportsFile));
    }

    public void Dispose() => _exportfs.Dispose();
}
