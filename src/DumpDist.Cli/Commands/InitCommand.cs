using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using DumpDist.Cli.Progress;
using DumpDist.Core.Configuration;
using DumpDist.Node.Provisioning;
using DumpDist.Retention.Execution;

namespace DumpDist.Cli.Commands;

/// <summary>
/// `dumpdist init --config FILE --host NAME [--owner USER[:GROUP]] [--log-dir DIR] [--from DIR] [--json]`:
/// checks the volume against the capacity forecast, then creates or corrects the host's directories.
/// </summary>
internal static class InitCommand
{
    private const string UsageLine = "Usage: dumpdist init --config FILE --host NAME [--owner USER[:GROUP]] [--log-dir DIR] [--from DIR] [--json]";

    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The cluster file.", Required = true };
        var host = new Option<string>("--host") { Description = "This host's name in the cluster file.", Required = true };
        var owner = new Option<string>("--owner") { Description = $"Owner of the directories, USER or USER:GROUP (default: {UnixAccounts.ServiceUser} when that user exists, else the user running init)." };
        var logDir = new Option<DirectoryInfo>("--log-dir") { Description = $"The log directory (default {HostDirectories.DefaultLogDirectory})." };
        var from = new Option<DirectoryInfo>("--from") { Description = "A tree (holding public/) to forecast the steady state from, when the source is an rsync URL (default: the source when it is a local directory, else the host's own tree)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var command = new Command("init", "Provision a serving host: check the volume against the steady state under the retention, create the tree, state and log directories with their owner and modes. Running it again changes nothing.")
        {
            config, host, owner, logDir, from, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (OperatingSystem.IsWindows())
            {
                return Usage("owners and modes are Unix ones; init runs on Linux");
            }

            var file = parseResult.GetRequiredValue(config);
            var hostName = parseResult.GetRequiredValue(host);
            var loaded = ClusterConfigLoader.Load(file.FullName);
            if (!loaded.Success)
            {
                foreach (var error in loaded.Errors)
                {
                    await Console.Error.WriteLineAsync(error.ToString());
                }

                return Usage($"{file.FullName} has errors; nothing created");
            }

            if (loaded.Config.FindHost(hostName) is not { } hostConfig)
            {
                return Usage($"--host {hostName}: no such host in {file.FullName} (hosts: {string.Join(", ", loaded.Config.Hosts.Select(h => h.Name))})");
            }

            var ownerSpec = parseResult.GetValue(owner);
            UnixOwner? account;
            if (ownerSpec is not null)
            {
                account = UnixAccounts.Find(ownerSpec, out var ownerError);
                if (account is null)
                {
                    return Usage($"--owner {ownerSpec}: {ownerError}");
                }
            }
            else
            {
                account = UnixAccounts.Find(UnixAccounts.ServiceUser, out _) ?? UnixAccounts.Current();
            }

            using var signals = new TerminationSignals(cancellationToken);
            VolumeFit fit;
            try
            {
                var progress = new PassProgress();
                fit = await ProgressDisplay.RunAsync("init", ProgressSources.Of(progress), () => Task.Run(() => new VolumeForecast(TimeProvider.System).Check(loaded.Config, hostConfig, parseResult.GetValue(from)?.FullName, progress, signals.Token), signals.Token));
            }
            catch (ArgumentException e)
            {
                return Usage(e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"dumpdist init: {e.Message}");
                return ExitCodes.ProblemFound;
            }

            var directories = HostDirectories.For(hostConfig, parseResult.GetValue(logDir)?.FullName ?? HostDirectories.DefaultLogDirectory);
            if (!fit.Fits)
            {
                if (parseResult.GetValue(json))
                {
                    await Console.Out.WriteLineAsync(Json(hostName, account, fit, []));
                }

                await Console.Error.WriteLineAsync(TooSmall(fit));
                return ExitCodes.ProblemFound; // a guard refused (DESIGN.md's contract), not a usage error

            }

            IReadOnlyList<DirectoryChange> changes;
            try
            {
                changes = DirectoryProvisioner.Apply(directories, account);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"dumpdist init: {e.Message}");
                return ExitCodes.ProblemFound;
            }

            if (parseResult.GetValue(json))
            {
                await Console.Out.WriteLineAsync(Json(hostName, account, fit, changes));
            }
            else
            {
                await WriteTextAsync(hostName, account, fit, changes);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task WriteTextAsync(string host, UnixOwner owner, VolumeFit fit, IReadOnlyList<DirectoryChange> changes)
    {
        await Console.Out.WriteLineAsync($"init {host}: {Volume(fit)}");
        foreach (var change in changes)
        {
            var d = change.Directory;
            var line = change.Created
                ? $"created  {d.Path} ({d.Purpose}) {Mode(d.Mode)} {owner}"
                : !change.Changed
                    ? $"ok       {d.Path} ({d.Purpose}) {Mode(d.Mode)} {owner}"
                    : $"fixed    {d.Path} ({d.Purpose})" + (change.ModeWas is { } was ? $" mode {Mode(was)} -> {Mode(d.Mode)}" : string.Empty) + (change.OwnerWas is { } by ? $" owner {by} -> {owner}" : string.Empty);
            await Console.Out.WriteLineAsync(line);
        }

        var created = changes.Count(c => c.Created);
        var fixedCount = changes.Count(c => c.Changed && !c.Created);
        await Console.Out.WriteLineAsync(created + fixedCount == 0
            ? $"init {host}: nothing to do ({changes.Count} directories already right)"
            : $"init {host}: {created} created, {fixedCount} fixed, {changes.Count - created - fixedCount} already right");
    }

    private static string Volume(VolumeFit fit)
    {
        var volume = fit.Volume is { } v ? $"volume {v.Path}: {FixtureSummary.Bytes(v.SizeBytes)}, {FixtureSummary.Bytes(v.AvailableBytes)} available" : "volume unknown";
        if (fit.ForecastFrom is null)
        {
            return $"{volume}; {fit.Note}";
        }

        var unbounded = fit.Unbounded.Count == 0 ? string.Empty : $" plus unbounded {string.Join(", ", fit.Unbounded)}";
        return $"{volume}; steady state {FixtureSummary.Bytes(fit.SteadyStateBytes)}{unbounded} under the configured retention ({fit.Note}): fits, {FixtureSummary.Bytes(-fit.ShortfallBytes)} to spare";
    }

    private static string TooSmall(VolumeFit fit)
    {
        var volume = fit.Volume!;
        return string.Create(CultureInfo.InvariantCulture,
            $"dumpdist init: volume {volume.Path} is too small by {FixtureSummary.Bytes(fit.ShortfallBytes)} ({fit.ShortfallBytes} bytes): the steady state under the configured retention is {FixtureSummary.Bytes(fit.SteadyStateBytes)} ({fit.SteadyStateBytes} bytes, {fit.Note}), the volume can give the tree {FixtureSummary.Bytes(volume.AvailableBytes + fit.TreeBytes)} ({FixtureSummary.Bytes(volume.AvailableBytes)} available + {FixtureSummary.Bytes(fit.TreeBytes)} the tree already takes); nothing created");
    }

    private static string Json(string host, UnixOwner owner, VolumeFit fit, IReadOnlyList<DirectoryChange> changes) =>
        JsonSerializer.Serialize(new
        {
            host,
            owner = owner.ToString(),
            fits = fit.Fits,
            forecast_from = fit.ForecastFrom,
            note = fit.Note,
            steady_state_bytes = fit.SteadyStateBytes,
            unbounded = fit.Unbounded,
            tree_bytes = fit.TreeBytes,
            volume = fit.Volume is { } v ? new { path = v.Path, size_bytes = v.SizeBytes, available_bytes = v.AvailableBytes } : null,
            shortfall_bytes = Math.Max(0, fit.ShortfallBytes),
            changed = changes.Any(c => c.Changed),
            directories = changes.Select(c => new
            {
                path = c.Directory.Path,
                purpose = c.Directory.Purpose,
                mode = Mode(c.Directory.Mode),
                created = c.Created,
                mode_was = c.ModeWas is { } m ? Mode(m) : null,
                owner_was = c.OwnerWas,
            }),
        });

    private static string Mode(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8);

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"dumpdist init: {message}");
        Console.Error.WriteLine(UsageLine);
        return ExitCodes.UsageOrConfig;
    }
}
