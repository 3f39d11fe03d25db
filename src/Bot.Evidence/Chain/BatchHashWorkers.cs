using System.Security.Cryptography;
using System.Collections.Concurrent;

namespace Bot.Evidence.Chain;

/// <summary>
/// Threads that recompute the hash of every record in the batches handed to them. A record's hash depends only on its own
/// stored <c>prev_hash</c> and values, so batches hash in any order and in parallel; whether each stored <c>prev_hash</c>
/// really is the previous record's hash is checked afterwards, in order, by <see cref="ChainLinkChecker"/>.
/// </summary>
internal sealed class BatchHashWorkers : IDisposable
{
    private readonly BlockingCollection<VerifyBatch> _queue = [];
    private readonly Thread[] _threads;
    private readonly ChainedTable _table;
    private readonly ChainHasher _hasher;
    private volatile bool _abandoned;

    public BatchHashWorkers(ChainedTable table, ChainHasher hasher, int workers)
    {
        _table = table;
        _hasher = hasher;
        _threads = new Thread[workers];
        for (var i = 0; i < workers; i++)
        {
            _threads[i] = new Thread(Run) { IsBackground = true, Name = $"verify-hash-{i}" };
            _threads[i].Start();
        }
    }

    /// <summary>Queues <paramref name="batch"/>; its <see cref="VerifyBatch.WaitHashed"/> returns once every record is hashed.</summary>
    public void Submit(VerifyBatch batch) => _queue.Add(batch);

    private void Run()
    {
        var writer = new CanonicalJsonWriter();
        using var hash = _hasher.CreateIncremental();
        Span<byte> prevHash = stackalloc byte[ChainHasher.HashSize];
        Span<byte> hex = stackalloc byte[2 * ChainHasher.HashSize];
        foreach (var batch in _queue.GetConsumingEnumerable())
        {
            try
            {
                if (!_abandoned)
                {
                    Hash(batch, writer, hash, prevHash, hex);
                }
            }
            catch (Exception error)
            {
                batch.Failure = error;
            }
            finally
            {
                // Whatever happens here, the thread waiting for this batch must not wait for ever.
                batch.MarkHashed();
            }
        }
    }

    private void Hash(VerifyBatch batch, CanonicalJsonWriter writer, IncrementalHash hash, Span<byte> prevHash, Span<byte> hex)
    {
        for (var record = 0; record < batch.Count; record++)
        {
            var computed = batch.Computed(record);
            // A prev_hash that is not 64 lowercase hex digits cannot be the previous record's hash: the link check reports
            // it before it would look at this record's hash, so nothing is computed for it.
            if (!TryParseHex(batch.StoredPrevHash(record), prevHash))
            {
                computed.Clear();
                batch.SetHashMatches(record, false);
                continue;
            }
            var values = new VerifyBatch.RecordValues(batch, record);
            ChainRecordEncoder.Encode(writer, _table, batch.Seq(record), prevHash, ref values);
            hash.AppendData(writer.WrittenSpan);
            hash.GetHashAndReset(computed);
            ChainHasher.ToHexUtf8(computed, hex);
            batch.SetHashMatches(record, batch.StoredHash(record).SequenceEqual(hex));
        }
    }

    private static bool TryParseHex(ReadOnlySpan<byte> lowerHex, Span<byte> destination)
    {
        if (lowerHex.Length != 2 * destination.Length)
        {
            return false;
        }
        for (var i = 0; i < destination.Length; i++)
        {
            var high = Nibble(lowerHex[2 * i]);
            var low = Nibble(lowerHex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }
            destination[i] = (byte)((high << 4) | low);
        }
        return true;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };

    /// <summary>Stops hashing what is still queued (the result is already known) and waits for the threads to end.</summary>
    public void Abandon() => _abandoned = true;

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
        _queue.Dispose();
    }
}
