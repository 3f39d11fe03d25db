using Microsoft.Data.Sqlite;
using SQLitePCL;

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
/// Walks a chained table in seq order and recomputes every hash. Streams through SQLite's own statement API and reads
/// text as UTF-8 bytes in place, so a million records need neither a million objects nor any re-encoding.
/// </summary>
internal static class ChainVerifier
{
    private const int FirstColumn = 3;

    public static ChainVerification Verify(SqliteConnection connection, ChainedTable table, ChainHasher hasher, ChainCheckpoint? checkpoint)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, table.SelectAllSql, out var statement));
        using (statement)
        {
            return Walk(db, statement, table, hasher, checkpoint);
        }
    }

    private static ChainVerification Walk(sqlite3 db, sqlite3_stmt statement, ChainedTable table, ChainHasher hasher, ChainCheckpoint? checkpoint)
    {
        var writer = new CanonicalJsonWriter();
        Span<byte> previous = stackalloc byte[ChainHasher.HashSize];
        Span<byte> computed = stackalloc byte[ChainHasher.HashSize];
        Span<byte> hex = stackalloc byte[2 * ChainHasher.HashSize];
        ChainHasher.Genesis.CopyTo(previous);
        var reader = new StatementValueReader(statement);
        long expectedSeq = 1;
        int rc;
        while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
        {
            var seq = raw.sqlite3_column_int64(statement, 0);
            if (seq != expectedSeq)
            {
                return Broken(expectedSeq - 1, previous, new(expectedSeq, "seq", expectedSeq.ToString(), $"{seq} (a record is missing or out of order)"));
            }
            ChainHasher.ToHexUtf8(previous, hex);
            var storedPrevious = raw.sqlite3_column_blob(statement, 1);
            if (!storedPrevious.SequenceEqual(hex))
            {
                return Broken(expectedSeq - 1, previous, new(seq, "prev_hash", ChainHasher.ToHex(previous), Text(storedPrevious)));
            }
            ChainRecordEncoder.Encode(writer, table, seq, previous, ref reader);
            hasher.Compute(writer.WrittenSpan, computed);
            ChainHasher.ToHexUtf8(computed, hex);
            var storedHash = raw.sqlite3_column_blob(statement, 2);
            if (!storedHash.SequenceEqual(hex))
            {
                return Broken(expectedSeq - 1, previous, new(seq, "hash", ChainHasher.ToHex(computed), Text(storedHash)));
            }
            if (checkpoint is not null && seq == checkpoint.Seq && !Text(storedHash).Equals(checkpoint.Hash, StringComparison.Ordinal))
            {
                return Broken(expectedSeq - 1, previous, new(seq, "hash (checkpoint)", checkpoint.Hash, Text(storedHash)));
            }
            computed.CopyTo(previous);
            expectedSeq++;
        }
        Check(db, rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);

        var records = expectedSeq - 1;
        if (checkpoint is not null && records < checkpoint.Seq)
        {
            return Broken(records, previous, new(checkpoint.Seq, "record", $"hash {checkpoint.Hash} (checkpoint of {checkpoint.Time})",
                $"nothing: the chain ends at seq {records} (its tail was cut off)"));
        }
        return new ChainVerification(records, ChainHasher.ToHex(previous), null);
    }

    /// <summary><paramref name="verified"/> records up to <paramref name="head"/> held; then <paramref name="at"/> did not.</summary>
    private static ChainVerification Broken(long verified, ReadOnlySpan<byte> head, ChainBreak at) =>
        new(verified, ChainHasher.ToHex(head), at);

    private static string Text(ReadOnlySpan<byte> utf8) => System.Text.Encoding.UTF8.GetString(utf8);

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc);
        }
    }

    private readonly struct StatementValueReader(sqlite3_stmt statement) : IChainValueReader
    {
        public bool IsNull(int ordinal) => raw.sqlite3_column_type(statement, FirstColumn + ordinal) == raw.SQLITE_NULL;

        public long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement, FirstColumn + ordinal);

        public ReadOnlySpan<byte> GetUtf8(int ordinal) => raw.sqlite3_column_blob(statement, FirstColumn + ordinal);
    }
}
