using System.Runtime.Versioning;

// Node tests use Unix file modes, namespaces, etcd and HAProxy: Linux only.
[assembly: SupportedOSPlatform("linux")]
