using System.Runtime.Versioning;

// The sync tests start rsync daemons and shell wrappers around rsync: Linux only.
[assembly: SupportedOSPlatform("linux")]
