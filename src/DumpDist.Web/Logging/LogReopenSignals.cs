using System.Runtime.InteropServices;

namespace DumpDist.Web.Logging;

/// <summary>
/// SIGUSR1 and SIGHUP reopen the access log, as nginx's USR1 does, so logrotate can rename the
/// file and signal the process (<c>postrotate kill -USR1</c>). SIGHUP does the same rather than
/// its default (ending the process): the cluster file needs no signal, it is watched.
/// </summary>
internal sealed class LogReopenSignals : IDisposable
{
    // Linux's number for SIGUSR1; PosixSignal has no name for it, raw numbers are accepted.
    private const int SigUsr1 = 10;
    private readonly PosixSignalRegistration _usr1;
    private readonly PosixSignalRegistration _hup;

    public LogReopenSignals(Action reopen)
    {
        _usr1 = PosixSignalRegistration.Create((PosixSignal)SigUsr1, Handle);
        _hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Handle);

        void Handle(PosixSignalContext context)
        {
            context.Cancel = true;
            reopen();
        }
    }

    public void Dispose()
    {
        _usr1.Dispose();
        _hup.Dispose();
    }
}
