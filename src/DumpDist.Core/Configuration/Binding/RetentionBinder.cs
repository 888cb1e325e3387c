using DumpDist.Core.Configuration.Reading;

namespace DumpDist.Core.Configuration.Binding;

/// <summary>Binds <c>retention</c> (optional; defaults are production's classes).</summary>
internal static class RetentionBinder
{
    public static readonly string[] Keys = ["wiki_classes", "default_keep", "other"];

    private static readonly string[] ClassKeys = ["name", "wikis", "keep"];
    private static readonly string[] OtherKeys = ["dataset", "keep", "max_age"];

    public static RetentionConfig Bind(MappingReader root)
    {
        var defaults = new RetentionConfig();
        var map = root.Mapping("retention", Keys);
        if (map is null)
        {
            return defaults;
        }

        var classes = map.Sequence("wiki_classes");
        var other = map.Sequence("other");
        return new RetentionConfig
        {
            WikiClasses = classes is null ? defaults.WikiClasses : BindClasses(map.Reader, classes),
            DefaultKeep = map.Parse("default_keep", Scalars.Count(1)) ?? defaults.DefaultKeep,
            Other = other is null ? defaults.Other : BindOther(map.Reader, other),
        };
    }

    private static List<WikiClassConfig> BindClasses(NodeReader reader, IReadOnlyList<(ConfigNode Node, string Path)> items)
    {
        var classes = new List<WikiClassConfig>();
        var names = new List<(string, string)>();
        var wikis = new List<(string, string)>();
        foreach (var (node, path) in items)
        {
            var map = reader.Mapping(node, path, ClassKeys);
            if (map is null)
            {
                continue;
            }

            var name = map.ParseObject<string>("name", Scalars.Name, required: true) ?? string.Empty;
            var members = map.ListWithPaths<string>("wikis", Scalars.Name, required: true) ?? [];
            names.Add((name, map.PathOf("name")));
            wikis.AddRange(members);
            classes.Add(new WikiClassConfig
            {
                Name = name,
                Wikis = members.Select(m => m.Value).ToArray(),
                Keep = map.Parse("keep", Scalars.Count(1), required: true) ?? 1,
            });
        }

        UniqueNames.Check(reader, names, "wiki class name");
        UniqueNames.Check(reader, wikis, "wiki");
        return classes;
    }

    private static List<OtherRetentionConfig> BindOther(NodeReader reader, IReadOnlyList<(ConfigNode Node, string Path)> items)
    {
        var rules = new List<OtherRetentionConfig>();
        var datasets = new List<(string, string)>();
        foreach (var (node, path) in items)
        {
            var map = reader.Mapping(node, path, OtherKeys);
            if (map is null)
            {
                continue;
            }

            if (map.Has("keep") == map.Has("max_age"))
            {
                reader.Error(map.Start, path, "set exactly one of 'keep' or 'max_age'");
            }

            var maxAge = map.Parse<TimeSpan>("max_age", Scalars.Duration);
            if (maxAge == TimeSpan.Zero)
            {
                reader.Error(reader.Positions.Of(map.PathOf("max_age")), map.PathOf("max_age"), "must be longer than 0s");
            }

            var dataset = map.ParseObject<string>("dataset", Scalars.Name, required: true) ?? string.Empty;
            datasets.Add((dataset, map.PathOf("dataset")));
            rules.Add(new OtherRetentionConfig
            {
                Dataset = dataset,
                Keep = map.Parse("keep", Scalars.Count(1)),
                MaxAge = maxAge,
            });
        }

        UniqueNames.Check(reader, datasets, "retention rule for dataset");
        return rules;
    }
}
