namespace Bot.Evidence.Storage;

internal static class Migration0002Changes
{
    public static Migration Migration { get; } = new(2, "hash-chained changes (the CC8.1 change population)", Sql);

    private const string Sql = """
        CREATE TABLE changes (
            seq                 INTEGER PRIMARY KEY CHECK (seq > 0),
            prev_hash           TEXT NOT NULL,
            hash                TEXT NOT NULL,
            recorded_at         TEXT NOT NULL,
            installation_id     INTEGER,
            repository          TEXT NOT NULL COLLATE NOCASE,
            kind                TEXT NOT NULL,
            change_id           TEXT NOT NULL,
            pull_request_number INTEGER,
            title               TEXT NOT NULL,
            author              TEXT NOT NULL,
            merged_by           TEXT,
            merged_at           TEXT NOT NULL,
            base_ref            TEXT NOT NULL,
            head_sha            TEXT,
            merge_commit_sha    TEXT,
            commit_shas_json    TEXT NOT NULL,
            ai_assisted         INTEGER NOT NULL,
            ai_tools_json       TEXT NOT NULL,
            decision_seq        INTEGER REFERENCES decisions (seq),
            decision_hash       TEXT,
            findings_json       TEXT NOT NULL,
            delivery_id         TEXT REFERENCES deliveries (delivery_guid),
            source              TEXT NOT NULL
        ) STRICT;
        -- The export filters by period and orders the population by its key (repository, base ref, change id).
        CREATE INDEX changes_by_merged_at ON changes (merged_at);
        CREATE INDEX changes_by_key ON changes (repository, base_ref, change_id, kind);

        CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
        BEGIN SELECT RAISE(ABORT, 'changes: change records are append-only'); END;
        CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
        BEGIN SELECT RAISE(ABORT, 'changes: change records are append-only'); END;
        """;
}
