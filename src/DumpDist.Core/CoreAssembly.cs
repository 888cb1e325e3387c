namespace DumpDist.Core;

/// <summary>Marker for the core assembly (tree model, configuration, shared results).</summary>
public static class CoreAssembly
{
    /// <summary>The product version.</summary>
    public static string Version { get; } =
        typeof(CoreAssembly).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
