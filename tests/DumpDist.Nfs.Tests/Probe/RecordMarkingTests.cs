using DumpDist.Nfs.Probe;
using DumpDist.Nfs.Tests.Support;

namespace DumpDist.Nfs.Tests.Probe;

public sealed class RecordMarkingTests
{
    [Fact]
    public void Encode_SingleFragment_SetsLastBitAndLength()
    {
        var framed = RecordMarking.Encode([1, 2, 3, 4, 5]);

        Assert.Equal(new byte[] { 0x80, 0, 0, 5, 1, 2, 3, 4, 5 }, framed);
    }

    [Fact]
    public void EncodeFragments_SplitsPayload_OnlyLastFragmentMarked()
    {
        var framed = RecordMarking.EncodeFragments([1, 2, 3, 4, 5], 2);

        Assert.Equal(new byte[] { 0, 0, 0, 2, 1, 2, 0, 0, 0, 2, 3, 4, 0x80, 0, 0, 1, 5 }, framed);
    }

    [Fact]
    public void Encode_EmptyPayload_IsOneEmptyLastFragment()
    {
        Assert.Equal(new byte[] { 0x80, 0, 0, 0 }, RecordMarking.Encode([]));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(1000, 1)]
    [InlineData(7, 3)]
    [InlineData(1, 1000)]
    public async Task ReadRecordAsync_FragmentsAndShortReads_ReassemblesPayload(int fragmentSize, int readChunk)
    {
        var payload = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var stream = new TrickleStream(RecordMarking.EncodeFragments(payload, fragmentSize), readChunk);

        var result = await RecordMarking.ReadRecordAsync(stream, 1024, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(payload, result.Record);
    }

    [Fact]
    public async Task ReadRecordAsync_TwoRecordsInStream_ReadsOnlyTheFirst()
    {
        var bytes = RecordMarking.Encode([1, 2]).Concat(RecordMarking.Encode([3])).ToArray();
        var stream = new MemoryStream(bytes);

        var first = await RecordMarking.ReadRecordAsync(stream, 1024, CancellationToken.None);
        var second = await RecordMarking.ReadRecordAsync(stream, 1024, CancellationToken.None);

        Assert.Equal(new byte[] { 1, 2 }, first.Record);
        Assert.Equal(new byte[] { 3 }, second.Record);
    }

    [Theory]
    [InlineData(new byte[0], "before a reply")]
    [InlineData(new byte[] { 0x80, 0 }, "before a reply")]
    [InlineData(new byte[] { 0x80, 0, 0, 8, 1, 2, 3 }, "inside a fragment of 8 bytes")]
    [InlineData(new byte[] { 0, 0, 0, 1, 9 }, "between fragments")]
    [InlineData(new byte[] { 0x80, 0x10, 0, 0 }, "longer than 1024 bytes")]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, "longer than 1024 bytes")]
    public async Task ReadRecordAsync_TruncatedOrGarbage_FailsWithReason(byte[] bytes, string expected)
    {
        var result = await RecordMarking.ReadRecordAsync(new TrickleStream(bytes, 2), 1024, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task ReadRecordAsync_ManyEmptyNonLastFragments_StopsAtLimitInsteadOfLooping()
    {
        // Zero-length fragments never grow the record; the reader must still end when the stream does.
        var bytes = Enumerable.Repeat(new byte[] { 0, 0, 0, 0 }, 1000).SelectMany(b => b).ToArray();

        var result = await RecordMarking.ReadRecordAsync(new MemoryStream(bytes), 1024, CancellationToken.None);

        Assert.False(result.Succeeded);
    }
}
