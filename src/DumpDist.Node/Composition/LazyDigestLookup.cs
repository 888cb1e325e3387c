using DumpDist.Web.Serving;

namespace DumpDist.Node.Composition;

/// <summary>
/// A digest lookup for a node whose first sync has not created sync.db yet: it opens the
/// verification cache once the file exists (checked at most every few seconds), and knows nothing before.
/// </summary>
internal sealed class LazyDigestLookup(string stateDirectory, string servedDirectory, TimeProvider time) : IDigestLookup
{
    private VerificationDigestLookup? _inner;
    private long _checkedAt;

    public DigestInfo? Find(string relativePath, long length, DateTimeOffset lastModified)
    {
        if (_inner is null)
        {
            var now = time.GetTimestamp();
            if (time.GetElapsedTime(Volatile.Read(ref _checkedAt), now) < TimeSpan.FromSeconds(5))
            {
                return null;
            }

            Volatile.Write(ref _checkedAt, now);
            _inner = VerificationDigestLookup.TryOpen(stateDirectory, servedDirectory, time);
        }

        return _inner?.Find(relativePath, length, lastModified);
    }
}
