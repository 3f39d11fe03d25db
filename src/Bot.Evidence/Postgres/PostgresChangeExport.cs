using Bot.Evidence.Export;

namespace Bot.Evidence.Postgres;

/// <summary>The CC8.1 export of a PostgreSQL store: <see cref="ChangeExporter"/> over <see cref="PostgresExportSnapshot"/>,
/// so the same data gives the same bytes as on SQLite.</summary>
internal sealed class PostgresChangeExport(string connectionString, byte[]? hmacKey) : IChangeExport
{
    public ExportCompleteness Export(ExportRequest request, Stream output)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        using var snapshot = PostgresExportSnapshot.Open(connectionString, hmacKey);
        return ChangeExporter.Export(snapshot, hmacKey, request, output);
    }
}
