using System.Runtime.Versioning;

// Functional tests start real processes, namespaces and Unix file modes: Linux only.
[assembly: SupportedOSPlatform("linux")]
