using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>
/// Dataset directories must not overlap, or two syncs would fight over the same files. The one nesting allowed is a
/// dataset under a <c>wiki-runs</c> dataset's <c>other/</c> directory: that sync leaves <c>other/</c> to its own datasets.
/// </summary>
internal static class DatasetPathRule
{
    public static void Check(NodeReader reader, IReadOnlyList<(DatasetConfig Dataset, string Path)> datasets)
    {
        for (var i = 0; i < datasets.Count; i++)
        {
            for (var j = 0; j < datasets.Count; j++)
            {
                var (outer, _) = datasets[i];
                var (inner, innerPath) = datasets[j];
                if (i == j || outer.Path.Length == 0 || inner.Path.Length == 0)
                {
                    continue;
                }

                var at = $"{innerPath}.path";
                if (outer.Path == inner.Path)
                {
                    if (i < j)
                    {
                        reader.Error(reader.Positions.Of(at), at, $"'{inner.Path}' is also the path of dataset '{outer.Name}'");
                    }
                }
                else if (inner.Path.StartsWith(outer.Path + "/", StringComparison.Ordinal)
                    && !(outer.Layout == DatasetLayout.WikiRuns && inner.Path.StartsWith(outer.Path + "/other/", StringComparison.Ordinal)))
                {
                    reader.Error(
                        reader.Positions.Of(at),
                        at,
                        $"'{inner.Path}' is inside dataset '{outer.Name}' ('{outer.Path}'); only '{outer.Path}/other/...' may nest, under a wiki-runs dataset");
                }
            }
        }
    }
}
