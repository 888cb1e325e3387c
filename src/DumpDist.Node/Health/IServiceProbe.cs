using DumpDist.Core.Configuration;

namespace DumpDist.Node.Health;

/// <summary>Says whether one service works on this host (listening, its server process up). Parts register one per service they run.</summary>
internal interface IServiceProbe
{
    ServiceKind Service { get; }

    ServiceCheck Check();
}
