namespace Bot.Evidence.Export;

/// <summary>The export of the SQLite file (<see cref="ChangeExporter"/>: one read transaction, rows stepped straight from
/// SQLite's statements in population order).</summary>
internal sealed class SqliteChangeExport(string dbPath, byte[]? hmacKey) : IChangeExport
{
    public ExportCompleteness Export(ExportRequest request, Stream output) => ChangeExporter.Export(dbPath, hmacKey, request, output);
}
