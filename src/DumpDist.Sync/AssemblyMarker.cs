namespace DumpDist.Sync;

internal static class AssemblyMarker
{
}
