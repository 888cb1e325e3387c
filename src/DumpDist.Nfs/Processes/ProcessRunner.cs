using System.ComponentModel;
using System.Diagnostics;

namespace DumpDist.Nfs.Processes;

/// <summary>
/// Runs an external program (exportfs, mount) with an argument list, never a shell string, and
/// captures its output. A program that cannot be started or overruns its timeout is a result,
/// not an exception; the overrunning process tree is killed.
/// </summary>
public sealed class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> and waits at most <paramref name="timeout"/>.</summary>
    public async Task<ProcessRunResult> RunAsync(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new Win32Exception("not started");
        }
        catch (Win32Exception ex)
        {
            return new ProcessRunResult(-1, string.Empty, string.Empty, $"cannot start: {ex.Message}");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeoutSource = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            try
            {
                await process.WaitForExitAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                return new ProcessRunResult(-1, await stdout, await stderr, $"killed after {timeout.TotalSeconds:0.#} s without finishing");
            }

            return new ProcessRunResult(process.ExitCode, await stdout, await stderr);
        }
    }
}
