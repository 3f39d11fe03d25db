using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Chain;

/// <summary>A point of the chain written down earlier (<c>seq hash time</c>), so that a cut-off tail is noticed.</summary>
public sealed record ChainCheckpoint(long Seq, string Hash, string Time);

/// <summary>The first record where the chain does not hold: what was expected there and what was found.</summary>
public sealed record ChainBreak(long Seq, string Field, string Expected, string Found);

public sealed record ChainVerification(long Records, string HeadHash, ChainBreak? Break)
{
    public bool Ok => Break is null;
}

/// <summary>
/// Walks a chained table in seq order and recomputes every hash, as a pipeline: this thread steps SQLite and copies
/// records into batches (<see cref="ChainRowSource"/>), worker threads rebuild the canonical JSON and hash each batch
/// (<see cref="BatchHashWorkers"/>), and this thread then checks the batches in order (<see cref="ChainLinkChecker"/>).
/// The report is the one a record-by-record walk gives: the lowest broken seq, expected vs found.
/// </summary>
internal static class ChainVerifier
{
    public static ChainVerification Verify(SqliteConnection connection, ChainedTable table, ChainHasher hasher, ChainCheckpoint? checkpoint) =>
        Verify(connection, table, hasher, checkpoint, Environment.ProcessorCount);

    /// <param name="workers">Hashing threads; the reading thread comes on top, and spends much of its time in SQLite.</param>
    public static ChainVerification Verify(SqliteConnection connection, ChainedTable table, ChainHasher hasher, ChainCheckpoint? checkpoint, int workers)
    {
        using var walk = new ChainWalk(connection, table, hasher, checkpoint, workers);
        while (walk.Step())
        {
        }
        return walk.Result();
    }

    /// <summary>The verdict for a chain whose table the file does not have (it predates the chain): empty, which is broken
    /// only when a checkpoint says it held records.</summary>
    public static ChainVerification Absent(ChainedTable table, ChainCheckpoint? checkpoint)
    {
        var checker = new ChainLinkChecker(checkpoint, table.Name);
        return new ChainVerification(0, checker.HeadHash, checker.Finish());
    }
}

/// <summary>
/// <see cref="ChainVerifier"/>'s walk, one batch per <see cref="Step"/>, so that a caller can interleave it with other work
/// on the same connection and thread (the export writes rows between steps while the workers hash).
/// </summary>
internal sealed class ChainWalk : IDisposable
{
    private readonly IChainRowSource _source;
    private readonly BatchHashWorkers _hashing;
    private readonly ChainLinkChecker _checker;
    private readonly ChainedTable _table;
    // Enough batches in flight that every worker has one queued behind the one it hashes.
    private readonly int _maxBatches;
    private readonly Queue<VerifyBatch> _inFlight;
    private int _allocated;
    private bool _finished;
    private ChainBreak? _broken;

    public ChainWalk(SqliteConnection connection, ChainedTable table, ChainHasher hasher, ChainCheckpoint? checkpoint, int workers)
        : this(new ChainRowSource(connection, table), table, hasher, checkpoint, workers)
    {
    }

    /// <param name="source">The provider's reader of <paramref name="table"/>; the walk owns it and disposes it.</param>
    public ChainWalk(IChainRowSource source, ChainedTable table, ChainHasher hasher, ChainCheckpoint? checkpoint, int workers)
    {
        _source = source;
        _table = table;
        _maxBatches = 2 * (workers + 1);
        _inFlight = new Queue<VerifyBatch>(_maxBatches);
        _checker = new ChainLinkChecker(checkpoint, table.Name);
        try
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
            _hashing = new BatchHashWorkers(table, hasher, workers);
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next batch and checks the oldest one in flight; false once the walk is over.</summary>
    public bool Step()
    {
        if (_finished)
        {
            return false;
        }
        VerifyBatch batch;
        if (_allocated < _maxBatches)
        {
            batch = new VerifyBatch(_table.Columns.Count);
            _allocated++;
        }
        else
        {
            // Every batch is in flight: check the oldest, then reuse it.
            batch = _inFlight.Dequeue();
            if (Check(batch))
            {
                return false;
            }
        }
        if (!_source.Fill(batch))
        {
            while (_inFlight.TryDequeue(out var last))
            {
                if (Check(last))
                {
                    return false;
                }
            }
            End();
            return false;
        }
        _hashing.Submit(batch);
        _inFlight.Enqueue(batch);
        return true;
    }

    /// <summary>The verdict, once <see cref="Step"/> returned false; rethrows what ended reading early.</summary>
    public ChainVerification Result()
    {
        if (!_finished)
        {
            throw new InvalidOperationException("The walk is not over yet.");
        }
        if (_broken is null && _source.Error is { } error)
        {
            error.Throw();
        }
        return new ChainVerification(_checker.Records, _checker.HeadHash, _broken ?? _checker.Finish());
    }

    /// <summary>Checks a batch in order; true (and the walk ends) at the first broken record.</summary>
    private bool Check(VerifyBatch batch)
    {
        batch.WaitHashed();
        if (batch.Failure is { } failure)
        {
            End();
            throw new InvalidOperationException("Hashing a batch of records failed; the chain was not judged.", failure);
        }
        _broken = _checker.Check(batch);
        if (_broken is null)
        {
            return false;
        }
        End();
        return true;
    }

    private void End()
    {
        _finished = true;
        _hashing.Abandon();
    }

    public void Dispose()
    {
        _hashing.Abandon();
        _hashing.Dispose();
        _source.Dispose();
    }
}
