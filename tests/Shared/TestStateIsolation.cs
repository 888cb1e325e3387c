using System.Runtime.CompilerServices;

namespace DumpDist.Tests.Shared;

/// <summary>
/// The one-off commands keep their state under <c>$XDG_STATE_HOME</c> (else <c>~/.local/state</c>).
/// Before any test runs, this points XDG_STATE_HOME at a directory of this test process under the
/// temp dir, so neither the code under test nor the dumpdist processes the tests start (they inherit
/// the environment) write into the home directory of whoever runs the tests. Removed at exit.
/// </summary>
internal static class TestStateIsolation
{
#pragma warning disable CA2255 // A module initializer is the one hook that runs before every test of the assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"dumpdist-test-state-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A child still writing; the temp dir is cleaned by the machine.
            }
        };
    }
}
