namespace Bot.Evidence.Storage;

internal static class Migration0011WorkLeases
{
    public static Migration Migration { get; } = new(11, "leases of periodic work (one replica at a time)", Sql);

    private const string Sql = """
        -- Periodic work (sweeps, reconciliation, the deliveries pass) runs on the replica holding its lease; bookkeeping,
        -- not evidence.
        CREATE TABLE leases (
            name       TEXT PRIMARY KEY,
            holder     TEXT NOT NULL,
            taken_at   TEXT NOT NULL,
            expires_at TEXT NOT NULL
        ) STRICT;
        """;
}
