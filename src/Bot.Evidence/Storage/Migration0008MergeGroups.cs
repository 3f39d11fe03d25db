namespace Bot.Evidence.Storage;

internal static class Migration0008MergeGroups
{
    public static Migration Migration { get; } = new(8, "hash-chained merge group decisions (merge queue, policy.md section 9)", Sql);

    // A chain of its own rather than rows of the decisions table: a merge group has no pull request, body, policy or
    // approvals of its own, and every lookup of "the decision of this pull request" (check-run cache, the export's last
    // decision before merge, crash recovery) keeps meaning exactly what it meant.
    private const string Sql = """
        CREATE TABLE merge_group_decisions (
            seq             INTEGER PRIMARY KEY CHECK (seq > 0),
            prev_hash       TEXT NOT NULL,
            hash            TEXT NOT NULL,
            recorded_at     TEXT NOT NULL,
            installation_id INTEGER NOT NULL,
            repository      TEXT NOT NULL COLLATE NOCASE,
            base_ref        TEXT NOT NULL,
            base_sha        TEXT NOT NULL,
            head_ref        TEXT NOT NULL,
            head_sha        TEXT NOT NULL,
            delivery_id     TEXT REFERENCES deliveries (delivery_guid),
            bot_version     TEXT NOT NULL,
            conclusion      TEXT NOT NULL CHECK (conclusion IN ('success', 'failure')),
            title           TEXT NOT NULL,
            decision_json   TEXT NOT NULL,
            check_run_id    INTEGER
        ) STRICT;
        CREATE INDEX merge_group_decisions_by_head ON merge_group_decisions (repository, head_sha, seq);
        -- A delivery handed back after a crash is looked up by the decision that names it, so it is never recorded twice.
        CREATE INDEX merge_group_decisions_by_delivery ON merge_group_decisions (delivery_id);

        CREATE TRIGGER merge_group_decisions_no_update BEFORE UPDATE ON merge_group_decisions
        BEGIN SELECT RAISE(ABORT, 'merge_group_decisions: evidence records are append-only'); END;
        CREATE TRIGGER merge_group_decisions_no_delete BEFORE DELETE ON merge_group_decisions
        BEGIN SELECT RAISE(ABORT, 'merge_group_decisions: evidence records are append-only'); END;
        """;
}
