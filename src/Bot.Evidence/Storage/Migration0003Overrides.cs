namespace Bot.Evidence.Storage;

internal static class Migration0003Overrides
{
    public static Migration Migration { get; } = new(3, "hash-chained overrides (approved exceptions, policy.md section 7); decisions by delivery", Sql);

    private const string Sql = """
        CREATE TABLE overrides (
            seq                 INTEGER PRIMARY KEY CHECK (seq > 0),
            prev_hash           TEXT NOT NULL,
            hash                TEXT NOT NULL,
            recorded_at         TEXT NOT NULL,
            installation_id     INTEGER NOT NULL,
            repository          TEXT NOT NULL COLLATE NOCASE,
            pull_request_number INTEGER NOT NULL,
            head_sha            TEXT NOT NULL,
            action              TEXT NOT NULL CHECK (action IN ('override', 'revoke')),
            approver_id         INTEGER NOT NULL,
            approver_login      TEXT NOT NULL,
            reason              TEXT NOT NULL,
            failed_rules_json   TEXT NOT NULL,
            comment_id          INTEGER NOT NULL,
            delivery_id         TEXT REFERENCES deliveries (delivery_guid)
        ) STRICT;
        -- A delivery handed back after a crash is looked up by the decision that names it, so it is never recorded twice.
        CREATE INDEX decisions_by_delivery ON decisions (delivery_id);
        CREATE INDEX overrides_by_pull_request ON overrides (repository, pull_request_number, head_sha);

        CREATE TRIGGER overrides_no_update BEFORE UPDATE ON overrides
        BEGIN SELECT RAISE(ABORT, 'overrides: override records are append-only'); END;
        CREATE TRIGGER overrides_no_delete BEFORE DELETE ON overrides
        BEGIN SELECT RAISE(ABORT, 'overrides: override records are append-only'); END;
        """;
}
