namespace DumpDist.Retention.Planning;

/// <summary>How many good runs a wiki keeps, and the class that says so.</summary>
internal readonly record struct WikiRule(string ClassName, int Keep);
