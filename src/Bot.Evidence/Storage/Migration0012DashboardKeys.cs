namespace Bot.Evidence.Storage;

internal static class Migration0012DashboardKeys
{
    public static Migration Migration { get; } = new(12, "the dashboard's cookie key ring, shared by the replicas of one store", Sql);

    // Not evidence (no chain, no append-only guard): ASP.NET Core Data Protection's key XML, one row per key, which it only
    // ever adds. The postgres provider keeps the ring here so that every replica reads the others' cookies; on SQLite the
    // table exists for one schema per version, and the ring stays in Dashboard:KeysPath (one process per file).
    private const string Sql = """
        CREATE TABLE dashboard_keys (
            name       TEXT PRIMARY KEY,
            xml        TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """;
}
