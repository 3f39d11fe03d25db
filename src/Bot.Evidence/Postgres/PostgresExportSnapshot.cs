using Bot.Evidence.Chain;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;
using Bot.Evidence.Overrides;

namespace Bot.Evidence.Postgres;

/// <summary>The export's snapshot of a PostgreSQL store: one repeatable-read, read-only transaction
/// (<see cref="PostgresChainSnapshot"/>, the one verify reads), so census, rows, chains and completeness all see the store
/// as it was at one moment while replicas go on writing. A connection runs one query at a time, so the chains are verified
/// after the rows instead of between their batches.</summary>
internal sealed class PostgresExportSnapshot(PostgresChainSnapshot snapshot) : IExportSnapshot
{
    public static PostgresExportSnapshot Open(string connectionString, byte[]? hmacKey) =>
        new(PostgresChainSnapshot.Open(connectionString, hmacKey, checkKey: true));

    public IOverrideLookup Overrides() => new OverrideLookup(snapshot.Connection);

    public IExportChainVerification VerifyChains(ChainHasher hasher) => new AtTheEnd(snapshot, hasher);

    public IEnumerable<CensusEntry> Census(ExportRequest request)
    {
        var (where, parameters) = PostgresExportSql.Filter(request);
        using var command = PostgresExportSql.Command(snapshot,
            "SELECT c.seq, c.ai_assisted, c.repository, c.change_id, c.findings_json FROM changes c " + where + PostgresExportSql.Order, parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new CensusEntry(reader.GetInt64(0), reader.GetInt64(1) != 0, reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }
    }

    public IExportRowSource Rows(ExportRequest request)
    {
        var (where, parameters) = PostgresExportSql.Filter(request);
        return new PostgresExportRowSource(PostgresExportSql.Command(snapshot,
            "SELECT " + ExportRowReader.SelectList + " FROM changes c LEFT JOIN decisions d ON d.seq = c.decision_seq " + where + PostgresExportSql.Order,
            parameters));
    }

    public ExportCompleteness Complete(ExportCompleteness counted, ExportRequest request) =>
        CompletenessSources.Add(counted, snapshot.Connection, request);

    public void Dispose() => snapshot.Dispose();

    /// <summary>Every chain verified by <see cref="Finish"/>, in the same snapshot, once the row reader is closed.</summary>
    private sealed class AtTheEnd(PostgresChainSnapshot snapshot, ChainHasher hasher) : IExportChainVerification
    {
        public void Step()
        {
        }

        public IReadOnlyList<(string Chain, ChainVerification Result)> Finish() =>
            [.. EvidenceChains.All.Select(table => (table.Name, snapshot.Has(table) ? snapshot.Verify(table, hasher, null) : ChainVerifier.Absent(table, null)))];

        public void Dispose()
        {
        }
    }
}
