namespace Bot.Evidence.Storage;

internal static class Migration0009DashboardIndexes
{
    public static Migration Migration { get; } = new(9, "indexes for the compliance dashboard (overview counts, changes paging, overrides by pull request)", Sql);

    // Indexes only: nothing hashed changes, and an older bot reading the file simply does not use them.
    private const string Sql = """
        -- The Overview counts a period's changes, AI-assisted ones and ones with findings, week by week, from this index
        -- alone (no table row is read): a million changes are a scan of one index range.
        CREATE INDEX changes_overview ON changes (merged_at, repository, ai_assisted, findings_json);
        -- Changes with findings are a small part of the population: counting them by finding, and paging the Changes table
        -- filtered by a finding (newest first by merged_at), reads only these entries, without the rows.
        CREATE INDEX changes_with_findings ON changes (merged_at, repository, findings_json) WHERE findings_json <> '[]';
        -- Approved overrides are matched to the changes they were granted for (repository, pull request, head SHA).
        CREATE INDEX changes_by_pull_request ON changes (repository, pull_request_number, head_sha);
        """;
}
