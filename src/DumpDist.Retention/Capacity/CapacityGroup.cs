namespace DumpDist.Retention.Capacity;

/// <summary>Usage and growth of one part of the tree: a wiki class, an other dataset, the trash, the rest.</summary>
/// <param name="Name"><c>wikis/huge</c>, <c>other/cirrussearch</c>, <c>trash</c>, <c>public</c> (index pages), <c>outside public</c>.</param>
/// <param name="Rule">What retention keeps: <c>keep 7</c>, <c>max_age 90d</c>, <c>keep everything</c>, or <c>-</c>.</param>
/// <param name="Members">Wikis of the class, dated groups of the dataset.</param>
/// <param name="Items">Runs or dated entries there now.</param>
/// <param name="Bytes">Bytes on disk (<c>du -B1</c>).</param>
/// <param name="ApparentBytes">Apparent bytes (<c>du -b</c>).</param>
/// <param name="Files">Entries of every kind (files, directories, links).</param>
/// <param name="ItemBytes">What one new run (or entry) of every member adds: the growth per run.</param>
/// <param name="GrowthBytesPerDay">Modelled growth over the next year, per day.</param>
/// <param name="SteadyStateBytes">Usage once retention holds a full count; null when nothing bounds it.</param>
internal sealed record CapacityGroup(
    string Name,
    string Rule,
    int Members,
    int Items,
    long Bytes,
    long ApparentBytes,
    long Files,
    long ItemBytes,
    long GrowthBytesPerDay,
    long? SteadyStateBytes);
