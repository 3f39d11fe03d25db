using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Tests.Contract;

/// <summary>The SQLite provider: a real file per test in its own temp folder (<see cref="TestDatabase"/>).</summary>
public sealed class SqliteStoreFixture : IStoreFixture
{
    public void Start()
    {
    }

    public IContractStore NewStore() => new Store(new TestDatabase());

    public void Dispose()
    {
    }

    private sealed class Store(TestDatabase db) : IContractStore
    {
        public IEvidenceProvider Provider(byte[]? hmacKey = null, TimeProvider? clock = null) => VerifyRunner.Store(db.FilePath, hmacKey, clock);

        public void EditRecord(string chain, long seq, string column, string value) =>
            Run($"DROP TRIGGER IF EXISTS {chain}_no_update; UPDATE {chain} SET {column} = $value WHERE seq = $seq", seq, value);

        public void EditRecordUnguarded(string chain, long seq, string column, string value) =>
            Run($"UPDATE {chain} SET {column} = $value WHERE seq = $seq", seq, value);

        public void DeleteRecords(string chain, long fromSeq, long toSeq) =>
            db.Sql($"DROP TRIGGER IF EXISTS {chain}_no_delete; DELETE FROM {chain} WHERE seq BETWEEN {fromSeq} AND {toSeq}");

        public void SwapRecords(string chain, long seqA, long seqB) =>
            db.Sql($"DROP TRIGGER IF EXISTS {chain}_no_update; UPDATE {chain} SET seq = 1000000000 WHERE seq = {seqA}; "
                   + $"UPDATE {chain} SET seq = {seqA} WHERE seq = {seqB}; UPDATE {chain} SET seq = {seqB} WHERE seq = 1000000000;");

        private void Run(string sql, long seq, string value)
        {
            using var connection = db.OpenRaw();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$seq", seq);
            command.Parameters.AddWithValue("$value", value);
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            SqliteConnection.ClearAllPools();
            db.Dispose();
        }
    }
}
