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
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        using var source = new ChainRowSource(connection, table);
        using var hashing = new BatchHashWorkers(table, hasher, workers);
        var checker = new ChainLinkChecker(checkpoint);
        var broken = Walk(source, hashing, checker, table, workers);
        if (broken is null && source.Error is { } error)
        {
            error.Throw();
        }
        broken ??= checker.Finish();
        return new ChainVerification(checker.Records, checker.HeadHash, broken);
    }

    private static ChainBreak? Walk(ChainRowSource source, BatchHashWorkers hashing, ChainLinkChecker checker, ChainedTable table, int workers)
    {
        // Enough batches in flight that every worker has one queued behind the one it hashes.
        var maxBatches = 2 * (workers + 1);
        var inFlight = new Queue<VerifyBatch>(maxBatches);
        var allocated = 0;
        try
        {
            while (true)
            {
                VerifyBatch batch;
                if (allocated < maxBatches)
                {
                    batch = new VerifyBatch(table.Columns.Count);
                    allocated++;
                }
                else
                {
                    // Every batch is in flight: check the oldest, then reuse it.
                    batch = inFlight.Dequeue();
                    if (CheckNext(batch, checker) is { } broken)
                    {
                        return broken;
                    }
                }
                if (!source.Fill(batch))
                {
                    break;
                }
                hashing.Submit(batch);
                inFlight.Enqueue(batch);
            }
            while (inFlight.TryDequeue(out var batch))
            {
                if (CheckNext(batch, checker) is { } broken)
                {
                    return broken;
                }
            }
            return null;
        }
        finally
        {
            hashing.Abandon();
        }
    }

    private static ChainBreak? CheckNext(VerifyBatch batch, ChainLinkChecker checker)
    {
        batch.WaitHashed();
        if (batch.Failure is { } failure)
        {
            throw new InvalidOperationException("Hashing a batch of records failed; the chain was not judged.", failure);
        }
        return checker.Check(batch);
    }
}
