using Bot.TestSupport.Postgres;
using Npgsql;

namespace Bot.Evidence.Tests.Contract;

/// <summary>The PostgreSQL provider on the run's own cluster (<see cref="PostgresCluster"/>): a fresh database per test.
/// Tampering goes through a superuser connection that disables the table's triggers first, as a database administrator
/// could; without that the triggers refuse it. Where PostgreSQL is not installed, <see cref="Start"/> ignores the tests.</summary>
public sealed class PostgresStoreFixture : IStoreFixture
{
    private PostgresCluster? _cluster;

    public void Start() => _cluster = PostgresCluster.Acquire();

    public IContractStore NewStore() => new Store(_cluster ?? throw new InvalidOperationException("Start first"));

    public void Dispose()
    {
    }

    private sealed class Store(PostgresCluster cluster) : IContractStore
    {
        private readonly string _connectionString = cluster.CreateDatabase();

        public IEvidenceProvider Provider(byte[]? hmacKey = null, TimeProvider? clock = null) => EvidenceProviders.For(new EvidenceStoreOptions
        {
            Provider = EvidenceProviders.Postgres,
            ConnectionString = _connectionString,
            HmacKey = hmacKey,
            Clock = clock ?? TimeProvider.System,
        });

        public void EditRecord(string chain, long seq, string column, string value) =>
            Run($"ALTER TABLE {chain} DISABLE TRIGGER USER; UPDATE {chain} SET {column} = @value WHERE seq = @seq", seq, value);

        public void EditRecordUnguarded(string chain, long seq, string column, string value) =>
            Run($"UPDATE {chain} SET {column} = @value WHERE seq = @seq", seq, value);

        public void DeleteRecords(string chain, long fromSeq, long toSeq) =>
            Run($"DROP TRIGGER {chain}_no_delete ON {chain}; DELETE FROM {chain} WHERE seq BETWEEN {fromSeq} AND {toSeq}");

        public void SwapRecords(string chain, long seqA, long seqB) =>
            Run($"ALTER TABLE {chain} DISABLE TRIGGER USER; UPDATE {chain} SET seq = 1000000000 WHERE seq = {seqA}; "
                + $"UPDATE {chain} SET seq = {seqA} WHERE seq = {seqB}; UPDATE {chain} SET seq = {seqB} WHERE seq = 1000000000;");

        private void Run(string sql, long seq = 0, string? value = null)
        {
            using var connection = new NpgsqlConnection(_connectionString + ";Pooling=false");
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("seq", seq);
            command.Parameters.AddWithValue("value", (object?)value ?? DBNull.Value);
            command.ExecuteNonQuery();
        }

        public void Dispose() => cluster.DropDatabase(_connectionString);
    }
}
