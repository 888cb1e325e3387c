using System.Text;

namespace DumpDist.Sync.Transport;

/// <summary>
/// Follows an rsync --log-file while rsync writes it and passes each itemized change as it
/// appears: live progress for a display. The log is read whole again after the run (the
/// authoritative list); this only counts.
/// </summary>
internal static class RsyncLogTail
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public static async Task FollowAsync(string logFile, Action<ItemizedChange> onChange, CancellationToken stop)
    {
        long offset = 0;
        var pending = new StringBuilder();
        var buffer = new byte[64 * 1024];
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(PollInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (!File.Exists(logFile))
            {
                continue;
            }

            try
            {
                using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                stream.Seek(offset, SeekOrigin.Begin);
                int read;
                while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    offset += read;
                    pending.Append(Encoding.UTF8.GetString(buffer, 0, read));
                }
            }
            catch (IOException)
            {
                continue;
            }

            var text = pending.ToString();
            var end = text.LastIndexOf('\n');
            if (end < 0)
            {
                continue;
            }

            foreach (var line in text[..end].Split('\n'))
            {
                // "YYYY/MM/DD HH:MM:SS [pid] " before the out-format line.
                var pid = line.IndexOf("] ", StringComparison.Ordinal);
                if (ItemizedChange.TryParse(pid >= 0 ? line[(pid + 2)..] : line) is { } change)
                {
                    onChange(change);
                }
            }

            pending.Clear().Append(text[(end + 1)..]);
        }
    }
}
