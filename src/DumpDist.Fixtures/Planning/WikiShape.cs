namespace DumpDist.Fixtures.Planning;

/// <summary>How a wiki's runs look: size factor, page ranges, history split and job templates.</summary>
internal sealed record WikiShape(double SizeFactor, IReadOnlyList<PageRange> Ranges, IReadOnlyList<JobTemplate> Jobs, TimeSpan JobStep)
{
    public static WikiShape For(string name, WikiClass wikiClass, StableRandom random)
    {
        switch (wikiClass)
        {
            case WikiClass.Huge:
            {
                // Production splits enwiki and wikidatawiki in 27 page ranges.
                var ranges = PageRange.Split(27, name == "wikidatawiki" ? 125_000_000 : 78_000_000);
                return new WikiShape(name == "enwiki" ? 1.0 : 0.9, ranges, JobCatalog.For(ranges, 4), TimeSpan.FromHours(2));
            }

            case WikiClass.Big:
            {
                var ranges = PageRange.Split(4 + random.Next(3), 2_000_000 + random.Next(7_000_000));
                return new WikiShape(SizeModel.ClassFactor(wikiClass) * random.Between(0.5, 1.0), ranges, JobCatalog.For(ranges, 2), TimeSpan.FromMinutes(30));
            }

            default:
            {
                var ranges = new[] { new PageRange(1, 1, 1_000 + random.Next(400_000)) };
                return new WikiShape(SizeModel.ClassFactor(wikiClass) * random.Between(0.2, 4.0), ranges, JobCatalog.For(ranges, 1), TimeSpan.FromMinutes(2));
            }
        }
    }
}
