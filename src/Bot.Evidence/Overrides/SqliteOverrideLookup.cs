using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Overrides;

/// <summary>The export's view of approved exceptions: the newest override record for the merged head SHA, read on the
/// export's own connection so it belongs to the same snapshot as the rows and the chain verification.</summary>
internal sealed class SqliteOverrideLookup(SqliteConnection connection) : IOverrideLookup
{
    public ApprovedOverride? Find(string repository, long pullRequestNumber, string headSha)
    {
        var row = connection.QuerySingleOrDefault<(long Seq, string Action, string Login, string Reason, string RecordedAt)>(
            """
            SELECT seq, action, approver_login, reason, recorded_at FROM overrides
            WHERE repository = @repository AND pull_request_number = @pullRequestNumber AND head_sha = @headSha
            ORDER BY seq DESC LIMIT 1
            """,
            new { repository, pullRequestNumber, headSha });
        return row.Action == "override"
            ? new ApprovedOverride(row.Login, row.Reason, row.Seq, EvidenceTime.Parse(row.RecordedAt))
            : null;
    }
}
