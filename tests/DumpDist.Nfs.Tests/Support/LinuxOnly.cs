using System.Runtime.Versioning;

// The NFS tests start ganesha, exportfs fakes and libnfs-utils: Linux only.
[assembly: SupportedOSPlatform("linux")]
