namespace DumpDist.Retention.Tests.Support;

/// <summary>Stands for the process dying at the point a test chose.</summary>
internal sealed class InjectedCrashException(string message) : Exception(message);
