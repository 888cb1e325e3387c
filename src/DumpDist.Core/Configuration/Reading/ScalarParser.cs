namespace DumpDist.Core.Configuration.Reading;

/// <summary>Parses one scalar; returns null on success, else the problem (e.g. <c>expected an integer, got 'x'</c>).</summary>
internal delegate string? ScalarParser<T>(string text, out T value);
