using System.Buffers;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Http;

public enum BodyReadOutcome
{
    /// <summary>Nothing was read (the request was refused before its body).</summary>
    NotRead,
    Read,
    /// <summary>Over the size limit: announced so, or found so while reading.</summary>
    TooLarge,
    /// <summary>The memory for it did not become free in time; GitHub records a failure and the delivery can be redelivered.</summary>
    NoMemory,
}

public readonly record struct BodyRead(BodyReadOutcome Outcome, PooledBody? Body);

/// <summary>
/// Reads webhook bodies, which nobody has authenticated yet, into pooled segments under one <see cref="BodyMemoryBudget"/>
/// (<c>GitHub:BodyBufferBytes</c>), so that bodies in flight cannot hold more than that however many connections send
/// them. A body with a Content-Length (GitHub always sends one) takes its whole size before reading; a chunked one a
/// segment at a time. A body whose memory is not free within <c>GitHub:BodyBufferWaitSeconds</c> is not read at all.
/// </summary>
public sealed class WebhookBodyReader
{
    /// <summary>Small enough that a typical delivery (10-30 KB) holds little more than it needs; large enough that GitHub's
    /// largest (25 MB) is some 1,600 segments.</summary>
    public const int SegmentBytes = 16 * 1024;

    private readonly BodyMemoryBudget _budget;
    private readonly ArrayPool<byte> _pool;
    private readonly TimeSpan _wait;

    public WebhookBodyReader(IOptions<GitHubOptions> options)
    {
        var settings = options.Value;
        // Never less than the largest body allowed (plus the segment a chunked body reads past it before it is refused),
        // so that a signed delivery of GitHub's maximum size can always be read.
        var capacity = Math.Max(RoundUp(settings.BodyBufferBytes), RoundUp(settings.MaxBodyBytes) + SegmentBytes);
        _budget = new BodyMemoryBudget(capacity);
        // The pool keeps at most the budget's worth of segments for reuse, so the memory stays what the budget says.
        _pool = ArrayPool<byte>.Create(SegmentBytes, (int)(capacity / SegmentBytes));
        _wait = TimeSpan.FromSeconds(settings.BodyBufferWaitSeconds);
    }

    public BodyMemoryBudget Budget => _budget;

    public async Task<BodyRead> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var announced = request.ContentLength;
        if (announced > limit)
            return new(BodyReadOutcome.TooLarge, null);
        var upFront = announced is { } length ? RoundUp(length) : 0;
        if (!await _budget.TryTakeAsync(upFront, _wait, cancellationToken))
            return new(BodyReadOutcome.NoMemory, null);
        var body = new PooledBody(_pool, SegmentBytes, _budget, upFront);
        try
        {
            while (body.Length != announced)
            {
                if (body.Full && body.Taken < body.Rented + SegmentBytes)
                {
                    if (!await _budget.TryTakeAsync(SegmentBytes, _wait, cancellationToken))
                    {
                        body.Dispose();
                        return new(BodyReadOutcome.NoMemory, null);
                    }
                    body.Taken += SegmentBytes;
                }
                var read = await request.Body.ReadAsync(body.FreeSpace(), cancellationToken);
                if (read == 0)
                    break;
                body.Advance(read);
                if (body.Length > limit)
                {
                    body.Dispose();
                    return new(BodyReadOutcome.TooLarge, null);
                }
            }
            return new(BodyReadOutcome.Read, body);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static long RoundUp(long bytes) => (bytes + SegmentBytes - 1) / SegmentBytes * SegmentBytes;
}
