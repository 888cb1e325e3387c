using System.Globalization;
using System.Net.Sockets;
using DumpDist.Web.Drain;
using DumpDist.Web.Hosting;
using DumpDist.Web.Logging;
using DumpDist.Web.Metrics;
using DumpDist.Web.Qos;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace DumpDist.Web.Serving;

/// <summary>
/// Answers GET and HEAD for one file: validators, preconditions, ranges (single, multiple,
/// unsatisfiable), the drain and connection-cap gates, then the body with QoS pacing.
/// </summary>
internal sealed class FileResponder(
    WebServerOptions options,
    ResourceResolver resolver,
    QosSettingsSource qos,
    ClientLimiter limiter,
    DrainState drain,
    IDigestLookup digests,
    WebMetrics metrics,
    TimeProvider time,
    ILogger logger)
{
    private const int SmallFile = 64 * 1024;

    /// <summary>Serves the file; returns the body bytes sent.</summary>
    public async Task<long> ServeAsync(HttpContext context, Resource resource, ClientIdentity client, bool isHead)
    {
        var response = context.Response;
        var settings = qos.Current;
        var digest = digests.Find(resource.RelativePath, resource.Length, resource.LastModified);
        if (digest is { Failed: true })
        {
            WebLog.FailedVerification(logger, resource.RelativePath);
            return await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found (failed verification)\n");
        }

        if (!isHead && drain.IsDraining)
        {
            metrics.Drained.Inc();
            response.Headers.RetryAfter = drain.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return await Responses.TextAsync(context, StatusCodes.Status503ServiceUnavailable, "Draining: this server takes no new downloads; retry later\n");
        }

        if (resource.TryGetContent(resolver.Budget) is { } content)
        {
            return await ServeOpenAsync(context, resource, file: null, content, client, settings, digest, isHead);
        }

        // The cache may be up to a TTL old; the open handle is the truth.
        FileStream file;
        try
        {
            file = OpenFile(resource);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            resolver.Invalidate(resource.RelativePath);
            return await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found\n");
        }

        await using (file)
        {
            if (RandomAccess.GetLength(file.SafeFileHandle) != resource.Length)
            {
                resolver.Invalidate(resource.RelativePath);
                var fresh = resolver.Resolve(resource.RelativePath);
                if (fresh.Kind != ResourceKind.File || RandomAccess.GetLength(file.SafeFileHandle) != fresh.Length)
                {
                    // Changing under us right now: tell the client to come back rather than send a torn file.
                    response.Headers.RetryAfter = "5";
                    return await Responses.TextAsync(context, StatusCodes.Status503ServiceUnavailable, "File is being replaced; retry later\n");
                }

                resource = fresh;
                digest = digests.Find(resource.RelativePath, resource.Length, resource.LastModified);
                if (digest is { Failed: true })
                {
                    WebLog.FailedVerification(logger, resource.RelativePath);
                    return await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found (failed verification)\n");
                }
            }

            return await ServeOpenAsync(context, resource, file, content: null, client, settings, digest, isHead);
        }
    }

    private async Task<long> ServeOpenAsync(HttpContext context, Resource resource, FileStream? file, byte[]? content, ClientIdentity client, QosSettings settings, DigestInfo? digest, bool isHead)
    {
        var request = context.Request;
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = resource.ETag;
        headers.LastModified = resource.LastModifiedHeader;
        headers.AcceptRanges = "bytes";

        switch (Preconditions.Evaluate(request.Headers, resource))
        {
            case PreconditionResult.NotModified:
                response.StatusCode = StatusCodes.Status304NotModified;
                return 0;
            case PreconditionResult.PreconditionFailed:
                response.StatusCode = StatusCodes.Status412PreconditionFailed;
                return 0;
        }

        var outcome = RangeOutcome.Full;
        List<ByteRange>? ranges = null;
        if (request.Headers.Range.Count > 0 && Preconditions.IfRangeAllows(request.Headers, resource, time.GetUtcNow()))
        {
            outcome = RangeParser.Parse(request.Headers.Range.ToString(), resource.Length, settings.MaxRanges, out ranges);
        }

        if (outcome == RangeOutcome.Unsatisfiable)
        {
            headers.ContentRange = "bytes */" + resource.ContentLengthHeader;
            return await Responses.TextAsync(context, StatusCodes.Status416RangeNotSatisfiable, "Range not satisfiable\n");
        }

        if (digest?.Sha256 is { } sha256)
        {
            // Repr-Digest (RFC 9530) describes the whole representation, so it is valid on 206 too.
            headers["Repr-Digest"] = "sha-256=:" + Convert.ToBase64String(sha256) + ":";
        }

        MultipartFraming? multipart = null;
        long bodyLength;
        if (outcome == RangeOutcome.Partial && ranges!.Count == 1)
        {
            var range = ranges[0];
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.First}-{range.Last}/{resource.Length}");
            headers.ContentType = resource.ContentType;
            bodyLength = range.Length;
        }
        else if (outcome == RangeOutcome.Partial)
        {
            multipart = new MultipartFraming(ranges!, resource.Length, resource.ContentType);
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentType = multipart.ContentType;
            bodyLength = multipart.ContentLength;
        }
        else
        {
            headers.ContentType = resource.ContentType;
            bodyLength = resource.Length;
            ranges = null;
        }

        response.ContentLength = bodyLength;
        if (isHead)
        {
            return 0;
        }

        var exempt = QosSettings.Contains(settings.AllowCidrs, client.Address);
        using var lease = limiter.TryEnter(client, exempt ? 0 : settings.ConnLimit);
        if (lease is null)
        {
            metrics.Limited.Inc();
            WebLog.Limited(logger, client.Address, client.UserAgent, limiter.ActiveFor(client));
            response.ContentLength = null;
            headers.ContentRange = default;
            headers.ETag = default;
            headers.LastModified = default;
            headers.AcceptRanges = default;
            headers.Remove("Repr-Digest");
            headers.RetryAfter = settings.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return await Responses.TextAsync(context, StatusCodes.Status429TooManyRequests, "Too many concurrent downloads from this client; retry later\n");
        }

        if (multipart is null && content is not null)
        {
            var slice = content.AsMemory((int)(ranges?[0].First ?? 0), (int)bodyLength);
            await response.BodyWriter.WriteAsync(slice, context.RequestAborted);
            metrics.BytesSent.Inc(bodyLength);
            return bodyLength;
        }

        if (file is null)
        {
            // Multiple ranges of a cached small file: rare, served from disk like any other.
            try
            {
                file = OpenFile(resource);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                resolver.Invalidate(resource.RelativePath);
                response.Headers.Clear();
                return await Responses.TextAsync(context, StatusCodes.Status404NotFound, "Not found\n");
            }
        }

        await using var ownedFile = content is not null ? file : null;
        if (multipart is null && bodyLength <= SmallFile)
        {
            return await SendSmallAsync(context, file, ranges?[0].First ?? 0, (int)bodyLength);
        }

        metrics.ActiveDownloads.Inc();
        try
        {
            var pacer = new TransferPacer(qos, lease.IpBucket, limiter.Global, time, exempt);
            var socket = bodyLength >= options.ZeroCopyThreshold ? ZeroCopySocket(context) : null;
            using var transfer = new BodyTransfer(context, file, socket, pacer, settings.ClientTimeout, time, options.SendBuffers);
            if (socket is not null)
            {
                // Kestrel writes the headers; awaiting the flush (with the transport's tiny write
                // buffer) means they are on the socket before our sendfile is queued behind them.
                await response.StartAsync(context.RequestAborted);
                await response.BodyWriter.FlushAsync(context.RequestAborted);
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, drain.Deadline);
            var complete = await SendBodyAsync(transfer, resource, ranges, multipart, stop.Token);
            if (transfer.ZeroCopy)
            {
                KestrelBodyAccounting.AddWritten(context, transfer.BytesSent);
            }
            metrics.BytesSent.Inc(transfer.BytesSent);
            if (transfer.ZeroCopy)
            {
                metrics.ZeroCopyBytes.Inc(transfer.BytesSent);
            }

            if (transfer.SendBufferRaised)
            {
                metrics.SendBufferRaised.Inc();
            }

            if (!complete)
            {
                WebLog.ClientGone(logger, client.Address, resource.RelativePath, transfer.BytesSent);
                // The declared length was not sent: the connection must not be reused.
                context.Abort();
            }

            return transfer.BytesSent;
        }
        finally
        {
            metrics.ActiveDownloads.Dec();
        }
    }

    private static async Task<bool> SendBodyAsync(BodyTransfer transfer, Resource resource, List<ByteRange>? ranges, MultipartFraming? multipart, CancellationToken cancellationToken)
    {
        if (multipart is null)
        {
            var range = ranges?[0] ?? new ByteRange(0, resource.Length - 1);
            return resource.Length == 0 || await transfer.SendFileRangeAsync(range.First, range.Length, cancellationToken);
        }

        for (var i = 0; i < ranges!.Count; i++)
        {
            await transfer.WriteBytesAsync(multipart.PartHeaders[i], cancellationToken);
            if (!await transfer.SendFileRangeAsync(ranges[i].First, ranges[i].Length, cancellationToken))
            {
                return false;
            }
        }

        await transfer.WriteBytesAsync(multipart.Trailer, cancellationToken);
        return true;
    }

    // Asynchronous: SendPacketsElement requires it; on Linux it changes nothing for reads.
    private static FileStream OpenFile(Resource resource) =>
        new(resource.PhysicalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous);

    private async Task<long> SendSmallAsync(HttpContext context, FileStream file, long offset, int length)
    {
        if (length == 0)
        {
            return 0;
        }

        var writer = context.Response.BodyWriter;
        var memory = writer.GetMemory(length);
        var read = RandomAccess.Read(file.SafeFileHandle, memory.Span[..length], offset);
        if (read != length)
        {
            context.Abort();
            return 0;
        }

        writer.Advance(length);
        await writer.FlushAsync(context.RequestAborted);
        metrics.BytesSent.Inc(length);
        return length;
    }

    private Socket? ZeroCopySocket(HttpContext context)
    {
        if (!options.ZeroCopy || context.Request.IsHttps || !HttpProtocol.IsHttp11(context.Request.Protocol) && !HttpProtocol.IsHttp10(context.Request.Protocol))
        {
            return null;
        }

        if (!KestrelBodyAccounting.IsAvailable(context))
        {
            return null;
        }

        return context.Features.Get<IConnectionSocketFeature>()?.Socket;
    }
}
