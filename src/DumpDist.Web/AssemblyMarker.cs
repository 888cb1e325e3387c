namespace DumpDist.Web;

internal static class AssemblyMarker
{
}
