namespace Bot.Evidence.Storage;

internal static class Migration0001Initial
{
    public static Migration Migration { get; } = new(1, "deliveries inbox, hash-chained decisions, check_runs cache", Sql);

    // STRICT tables: a value of the wrong type is an error, not a silent conversion that would change what was hashed.
    private const string Sql = """
        CREATE TABLE deliveries (
            id              INTEGER PRIMARY KEY,
            delivery_guid   TEXT NOT NULL UNIQUE,
            event           TEXT NOT NULL,
            action          TEXT,
            installation_id INTEGER,
            repository      TEXT COLLATE NOCASE,
            received_at     TEXT NOT NULL,
            body            BLOB NOT NULL,
            state           TEXT NOT NULL CHECK (state IN ('pending', 'processing', 'processed', 'failed', 'ignored')),
            attempts        INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT,
            not_before      TEXT,
            claimed_at      TEXT,
            processed_at    TEXT
        ) STRICT;
        CREATE INDEX deliveries_by_state ON deliveries (state, id);

        -- What GitHub sent is evidence; only the processing state may change.
        CREATE TRIGGER deliveries_received_immutable
        BEFORE UPDATE OF id, delivery_guid, event, action, installation_id, repository, received_at, body ON deliveries
        BEGIN SELECT RAISE(ABORT, 'deliveries: a received delivery (guid, event, body, ...) cannot be changed'); END;
        CREATE TRIGGER deliveries_no_delete BEFORE DELETE ON deliveries
        BEGIN SELECT RAISE(ABORT, 'deliveries: a received delivery cannot be deleted'); END;

        CREATE TABLE decisions (
            seq                 INTEGER PRIMARY KEY CHECK (seq > 0),
            prev_hash           TEXT NOT NULL,
            hash                TEXT NOT NULL,
            recorded_at         TEXT NOT NULL,
            installation_id     INTEGER NOT NULL,
            repository          TEXT NOT NULL COLLATE NOCASE,
            pull_request_number INTEGER NOT NULL,
            head_sha            TEXT NOT NULL,
            base_ref            TEXT NOT NULL,
            delivery_id         TEXT REFERENCES deliveries (delivery_guid),
            body_sha256         TEXT NOT NULL,
            bot_version         TEXT NOT NULL,
            policy_source       TEXT NOT NULL,
            policy_sha256       TEXT,
            conclusion          TEXT NOT NULL,
            title               TEXT NOT NULL,
            ai_assisted         INTEGER NOT NULL,
            tools_json          TEXT NOT NULL,
            contributors_json   TEXT NOT NULL,
            approvals_json      TEXT NOT NULL,
            rules_json          TEXT NOT NULL,
            decision_json       TEXT NOT NULL,
            check_run_id        INTEGER
        ) STRICT;
        CREATE INDEX decisions_by_pull_request ON decisions (repository, pull_request_number, seq);
        CREATE INDEX decisions_by_head ON decisions (repository, head_sha, seq);

        CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions: evidence records are append-only'); END;
        CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
        BEGIN SELECT RAISE(ABORT, 'decisions: evidence records are append-only'); END;

        -- A cache of the check run the bot last posted per head; not evidence, so it may be updated.
        CREATE TABLE check_runs (
            repository     TEXT NOT NULL COLLATE NOCASE,
            head_sha       TEXT NOT NULL,
            check_run_id   INTEGER NOT NULL,
            status         TEXT NOT NULL,
            conclusion     TEXT,
            title          TEXT,
            summary_sha256 TEXT,
            updated_at     TEXT NOT NULL,
            PRIMARY KEY (repository, head_sha)
        ) STRICT;

        CREATE TABLE chain_settings (
            name  TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        """;
}
