using Microsoft.Extensions.Logging;

namespace DumpDist.Node.Tests.Assignments.Etcd;

/// <summary>One log entry as <see cref="CapturingLogger{T}"/> kept it.</summary>
internal sealed record CapturedLogEntry(LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Values);
