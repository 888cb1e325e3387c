using DumpDist.Core.IO;
using DumpDist.Nfs.Metrics;
using DumpDist.Core.Processes;

namespace DumpDist.Nfs.Exports;

/// <summary>
/// Applies rendered exports to the kernel NFS server: writes the exports.d file atomically and
/// runs <c>exportfs -ra</c>. If exportfs rejects the new file, the previous file is restored
/// (and re-applied) so a bad render never leaves the server half-configured.
/// </summary>
public sealed class KernelExportsApplier(KernelExportsOptions options, ChildProcessRunner runner, NfsMetrics? metrics = null, TimeProvider? timeProvider = null)
{
    /// <summary>Writes <paramref name="content"/> when it differs from the file and re-exports.</summary>
    public async Task<ExportsApplyResult> ApplyAsync(string content, CancellationToken cancellationToken)
    {
        var result = await ApplyCoreAsync(content, cancellationToken);
        metrics?.SetExportsApplied("kernel", result.Applied, (timeProvider ?? TimeProvider.System).GetUtcNow());
        return result;
    }

    private async Task<ExportsApplyResult> ApplyCoreAsync(string content, CancellationToken cancellationToken)
    {
        var previous = await AtomicFile.TryReadAllTextAsync(options.ExportsFile, cancellationToken);
        var changed = !string.Equals(previous, content, StringComparison.Ordinal);
        if (changed)
        {
            await AtomicFile.WriteAllTextAsync(options.ExportsFile, content, cancellationToken);
        }

        var result = await ExportAllAsync(cancellationToken);
        if (result.Succeeded)
        {
            return ExportsApplyResult.Ok(changed, changed ? $"wrote {options.ExportsFile} and ran exportfs -ra" : $"{options.ExportsFile} unchanged; ran exportfs -ra");
        }

        if (changed)
        {
            if (previous is null)
            {
                File.Delete(options.ExportsFile);
            }
            else
            {
                await AtomicFile.WriteAllTextAsync(options.ExportsFile, previous, cancellationToken);
            }

            await ExportAllAsync(cancellationToken);
            return ExportsApplyResult.Failed($"{result.Describe("exportfs -ra")}; restored the previous {options.ExportsFile}");
        }

        return ExportsApplyResult.Failed(result.Describe("exportfs -ra"));
    }

    private Task<ChildProcessResult> ExportAllAsync(CancellationToken cancellationToken) =>
        runner.RunAsync(new ChildProcessSpec(options.ExportfsPath, ["-ra"]) { Timeout = options.ExportfsTimeout }, cancellationToken);
}
