namespace DumpDist.Nfs;

internal static class AssemblyMarker
{
}
