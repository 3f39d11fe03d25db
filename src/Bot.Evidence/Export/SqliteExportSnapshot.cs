using Bot.Evidence.Chain;
using Bot.Evidence.Overrides;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Export;

/// <summary>The export's snapshot of the SQLite file: one read-only connection in one deferred read transaction (verify,
/// census and rows all see the same snapshot while the service keeps writing), rows stepped straight from SQLite's
/// statements and the chains verified between row batches on the same connection.</summary>
internal sealed class SqliteExportSnapshot : IExportSnapshot
{
    private readonly SqliteConnection _connection;

    private SqliteExportSnapshot(SqliteConnection connection) => _connection = connection;

    public static SqliteExportSnapshot Open(string dbPath, byte[]? hmacKey)
    {
        var connection = ChangeExporter.OpenForExport(new SqliteDatabase(dbPath, readOnly: true));
        try
        {
            ChainKeyGuard.RequireForReading(connection, hmacKey, dbPath);
            CompletenessSources.RequireSchema(connection);
            connection.Execute("BEGIN DEFERRED");
            return new SqliteExportSnapshot(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public IOverrideLookup Overrides() => new OverrideLookup(_connection);

    public IExportChainVerification VerifyChains(ChainHasher hasher) => new InterleavedChainVerification(_connection, hasher);

    public IEnumerable<CensusEntry> Census(ExportRequest request)
    {
        var (where, parameters) = ChangeExporter.Filter(request);
        using var command = OverviewReader.Command(_connection, ChangeExporter.SqliteCensusSql(where), parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new CensusEntry(reader.GetInt64(0), reader.GetInt64(1) != 0, reader.GetString(2), reader.GetString(3), reader.GetString(4));
        }
    }

    public IExportRowSource Rows(ExportRequest request)
    {
        var (where, parameters) = ChangeExporter.Filter(request);
        return new ExportRowSource(_connection, ChangeExporter.SqliteRowsSql(where), parameters);
    }

    public ExportCompleteness Complete(ExportCompleteness counted, ExportRequest request) => CompletenessSources.Add(counted, _connection, request);

    public void Dispose()
    {
        try
        {
            _connection.Execute("COMMIT");
        }
        finally
        {
            _connection.Dispose();
        }
    }
}
