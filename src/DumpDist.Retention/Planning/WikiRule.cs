namespace DumpDist.Retention.Planning;

/// <summary>How many good runs a wiki keeps, its class, and what set the count (<c>class huge</c>, <c>--keep</c>).</summary>
internal readonly record struct WikiRule(string ClassName, int Keep, string Source);
