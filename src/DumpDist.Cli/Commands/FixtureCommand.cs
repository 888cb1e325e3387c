using System.CommandLine;

namespace DumpDist.Cli.Commands;

/// <summary>`dumpdist fixture`: generates a realistic canonical dump tree.</summary>
internal static class FixtureCommand
{
    public static Command Create()
    {
        var outOption = new Option<DirectoryInfo>("--out") { Description = "Directory to write the tree into.", Required = true };
        var wikis = new Option<int>("--wikis") { Description = "Number of wikis.", DefaultValueFactory = _ => 20 };
        var runs = new Option<int>("--runs") { Description = "Dated runs per wiki.", DefaultValueFactory = _ => 3 };
        var scale = new Option<long>("--scale") { Description = "Size in bytes of the biggest file.", DefaultValueFactory = _ => 4L * 1024 * 1024 };
        var seed = new Option<int>("--seed") { Description = "Seed; the same seed makes the same tree.", DefaultValueFactory = _ => 1 };
        var command = new Command("fixture", "Generate a realistic canonical dump tree (wikis, runs, sums, latest links, other datasets).")
        {
            outOption, wikis, runs, scale, seed,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            Console.Error.WriteLine("fixture: not implemented yet");
            return Task.FromResult(ExitCodes.ProblemFound);
        });
        return command;
    }
}
