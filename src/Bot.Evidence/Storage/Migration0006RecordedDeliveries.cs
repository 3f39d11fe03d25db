namespace Bot.Evidence.Storage;

internal static class Migration0006RecordedDeliveries
{
    public static Migration Migration { get; } = new(6,
        "recorded deliveries: where a delivery came from, the deliveries pass's mark, windows GitHub no longer keeps", Sql);

    private const string Sql = """
        -- 'webhook': received at the webhook endpoint, its signature verified over the stored bytes.
        -- 'deliveries_api': it never reached the endpoint and was taken in from GitHub's record of the App's deliveries
        -- (GET /app/hook/deliveries/{id}, authenticated with the App JWT). GitHub returns that payload as parsed JSON, so the
        -- stored body is its JSON text, not the bytes once signed.
        ALTER TABLE deliveries ADD COLUMN source TEXT NOT NULL DEFAULT 'webhook' CHECK (source IN ('webhook', 'deliveries_api'));
        CREATE TRIGGER deliveries_source_immutable BEFORE UPDATE OF source ON deliveries
        BEGIN SELECT RAISE(ABORT, 'deliveries: a received delivery (guid, event, body, ...) cannot be changed'); END;

        -- Deliveries waiting for a time (a retry, a spent rate limit): once due they are claimed before fresh ones, newest
        -- first (DeliveryInbox.ClaimAsync). Partial, so it holds only the few that wait.
        CREATE INDEX deliveries_waiting ON deliveries (not_before) WHERE state = 'pending' AND not_before IS NOT NULL;
        -- The export lists the failed deliveries of its period.
        CREATE INDEX deliveries_failed ON deliveries (received_at) WHERE state = 'failed';

        -- How far back the deliveries pass has read GitHub's list of the App's deliveries (one row).
        CREATE TABLE recorded_deliveries_mark (
            id                  INTEGER PRIMARY KEY CHECK (id = 1),
            newest_delivery_id  INTEGER NOT NULL,
            newest_delivered_at TEXT NOT NULL,
            passed_at           TEXT NOT NULL
        ) STRICT;

        -- Windows in which deliveries may have been lost for good: the bot did not read GitHub's list for longer than
        -- GitHub keeps it. Kept for the export's completeness section; never changed.
        CREATE TABLE delivery_retention_gaps (
            id            INTEGER PRIMARY KEY,
            missed_after  TEXT NOT NULL,
            missed_before TEXT NOT NULL,
            detected_at   TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER delivery_retention_gaps_no_update BEFORE UPDATE ON delivery_retention_gaps
        BEGIN SELECT RAISE(ABORT, 'delivery_retention_gaps: records are append-only'); END;
        CREATE TRIGGER delivery_retention_gaps_no_delete BEFORE DELETE ON delivery_retention_gaps
        BEGIN SELECT RAISE(ABORT, 'delivery_retention_gaps: records are append-only'); END;
        """;
}
