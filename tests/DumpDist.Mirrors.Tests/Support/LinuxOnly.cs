using System.Runtime.Versioning;

// The mirror tests start rsync daemons and set Unix file modes: Linux only.
[assembly: SupportedOSPlatform("linux")]
