namespace Bot.Evidence.Storage;

internal static class Migration0007ReconciledBranches
{
    public static Migration Migration { get; } = new(7, "how far the change population is reconciled with each in-scope branch's history", Sql);

    private const string Sql = """
        -- Bookkeeping, not evidence (like check_runs): per repository and in-scope branch, the tip whose history the
        -- population was last reconciled with, and when. Every change that reached the branch before reconciled_through
        -- is in the changes chain; the export reports it and calls a period that ends later incomplete.
        CREATE TABLE reconciled_branches (
            repository          TEXT NOT NULL COLLATE NOCASE,
            branch              TEXT NOT NULL,
            tip_sha             TEXT NOT NULL,
            first_reconciled_at TEXT NOT NULL,
            reconciled_through  TEXT NOT NULL,
            PRIMARY KEY (repository, branch)
        ) STRICT;
        """;
}
