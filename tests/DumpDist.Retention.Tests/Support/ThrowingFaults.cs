using DumpDist.Retention.Execution;

namespace DumpDist.Retention.Tests.Support;

/// <summary>Injects a crash: after the first rename into the trash, or after the first file deleted from it.</summary>
internal sealed class ThrowingFaults(bool afterMove, bool midDelete) : ICleanupFaults
{
    public void AfterMove(string relativePath)
    {
        if (afterMove)
        {
            throw new InjectedCrashException($"crash after moving {relativePath}");
        }
    }

    public void AfterFirstDeletedFile(string trashEntry)
    {
        if (midDelete)
        {
            throw new InjectedCrashException($"crash while deleting {trashEntry}");
        }
    }
}
