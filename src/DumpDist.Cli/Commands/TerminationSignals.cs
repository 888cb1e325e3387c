using System.Runtime.InteropServices;

namespace DumpDist.Cli.Commands;

/// <summary>
/// Turns SIGTERM (systemd stop) and SIGINT (Ctrl-C) into cancellation, so a running pass stops
/// its rsync and records itself instead of the runtime exiting at once and orphaning rsync.
/// </summary>
internal sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;

    public TerminationSignals(CancellationToken outer)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _source.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Keep the process alive until the pass has stopped rsync and recorded itself.
        context.Cancel = true;
        _source.Cancel();
    }
}
