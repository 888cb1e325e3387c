using System.Reflection;
using Microsoft.Extensions.Logging;

namespace DumpDist.FunctionalTests.Operations;

/// <summary>
/// Event ids are how operators filter and alert on log lines (journald, Loki): within one of our
/// assemblies each <c>[LoggerMessage]</c> id names one event.
/// </summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void LoggerMessages_EveryProductAssembly_NoEventIdUsedTwice()
    {
        var assemblies = ProductAssemblies();
        var duplicates = new List<string>();
        var counted = 0;
        foreach (var assembly in assemblies)
        {
            var byId = new Dictionary<int, List<string>>();
            foreach (var method in Methods(assembly))
            {
                var attribute = method.GetCustomAttribute<LoggerMessageAttribute>();
                if (attribute is null || attribute.EventId < 0)
                {
                    continue;
                }

                counted++;
                var name = $"{method.DeclaringType!.FullName}.{method.Name}";
                if (!byId.TryGetValue(attribute.EventId, out var names))
                {
                    byId[attribute.EventId] = names = [];
                }

                names.Add(name);
            }

            duplicates.AddRange(byId.Where(p => p.Value.Count > 1).Select(p => $"{assembly.GetName().Name}: event id {p.Key} on {string.Join(", ", p.Value)}"));
        }

        Assert.Contains(assemblies, a => a.GetName().Name == "DumpDist.Web");
        Assert.True(counted > 50, $"only {counted} [LoggerMessage] methods found in {assemblies.Count} assemblies");
        Assert.True(duplicates.Count == 0, string.Join("\n", duplicates));
    }

    /// <summary>Every DumpDist.* assembly the CLI ships (test assemblies left out).</summary>
    private static List<Assembly> ProductAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "DumpDist.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.Contains("Test", StringComparison.Ordinal))
            .Select(name => Assembly.Load(new AssemblyName(name!)))
            .ToList();

    private static IEnumerable<MethodInfo> Methods(Assembly assembly) =>
        assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly));
}
