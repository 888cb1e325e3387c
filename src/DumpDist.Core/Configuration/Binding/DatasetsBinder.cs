using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>datasets</c> (required, at least one).</summary>
internal static class DatasetsBinder
{
    public static readonly string[] Keys = ["name", "path", "layout", "delete", "max_delete", "source"];

    private static readonly ScalarParser<DatasetLayout> Layouts =
        Scalars.Enum(("wiki-runs", DatasetLayout.WikiRuns), ("dated", DatasetLayout.Dated), ("flat", DatasetLayout.Flat));

    private static readonly ScalarParser<DeletePolicy> DeletePolicies =
        Scalars.Enum(("never", DeletePolicy.Never), ("mirror-exact", DeletePolicy.MirrorExact));

    public static IReadOnlyList<DatasetConfig> Bind(MappingReader root, SourceConfig defaultSource)
    {
        var items = root.Sequence("datasets", required: true);
        if (items is null)
        {
            return [];
        }

        if (items.Count == 0)
        {
            root.Reader.Error(root.Reader.Positions.Of("datasets"), "datasets", "at least one dataset is required");
        }

        var datasets = new List<(DatasetConfig Dataset, string Path)>();
        foreach (var (node, path) in items)
        {
            var map = root.Reader.Mapping(node, path, Keys);
            if (map is null)
            {
                continue;
            }

            var sourceMap = map.Mapping("source", SourceBinder.Keys);
            var delete = map.Parse("delete", DeletePolicies) ?? DeletePolicy.Never;
            var maxDelete = map.Parse("max_delete", Scalars.Count()) ?? 0;
            if (maxDelete > 0 && delete == DeletePolicy.Never)
            {
                // Almost certainly a forgotten "delete: mirror-exact": say so rather than silently never deleting.
                var at = map.PathOf("max_delete");
                root.Reader.Error(root.Reader.Positions.Of(at), at, "has no effect with 'delete: never'; set 'delete: mirror-exact' or remove it");
            }

            datasets.Add((new DatasetConfig
            {
                Name = map.ParseObject<string>("name", Scalars.Name, required: true) ?? string.Empty,
                Path = map.ParseObject<string>("path", Scalars.RelativePath, required: true) ?? string.Empty,
                Layout = map.Parse("layout", Layouts) ?? DatasetLayout.WikiRuns,
                Delete = delete,
                MaxDelete = maxDelete,
                Source = sourceMap is null ? defaultSource : SourceBinder.Bind(sourceMap, defaultSource),
            }, path));
        }

        UniqueNames.Check(root.Reader, datasets.Select(d => (d.Dataset.Name, $"{d.Path}.name")), "dataset name");
        DatasetPathRule.Check(root.Reader, datasets);
        return datasets.Select(d => d.Dataset).ToArray();
    }
}
