using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using System.Data.Common;

namespace Bot.Evidence.Overrides;

/// <summary>The export's view of approved exceptions: the newest override record for the merged head SHA recorded by the
/// time it merged (a revocation after the merge does not undo the exception the merge relied on), read on the export's own
/// connection so it belongs to the same snapshot as the rows and the chain verification. The overrides table
/// is read once, up front (it holds a handful of rows where the population holds millions), instead of once per change.</summary>
internal sealed class OverrideLookup : IOverrideLookup
{
    private readonly Dictionary<Key, List<(DateTimeOffset RecordedAt, ApprovedOverride? Override)>> _byHead = new(KeyComparer.Instance);

    public OverrideLookup(DbConnection connection)
    {
        // In seq order, so each head's records (overrides and revocations) are listed oldest first.
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, repository, pull_request_number, head_sha, action, approver_login, reason, recorded_at FROM overrides ORDER BY seq";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = new Key(reader.GetString(1), reader.GetInt64(2), reader.GetString(3));
            if (!_byHead.TryGetValue(key, out var records))
                _byHead[key] = records = [];
            var recordedAt = EvidenceTime.Parse(reader.GetString(7));
            records.Add((recordedAt, reader.GetString(4) == "override"
                ? new ApprovedOverride(reader.GetString(5), reader.GetString(6), reader.GetInt64(0), recordedAt)
                : null));
        }
    }

    public ApprovedOverride? Find(string repository, long pullRequestNumber, string headSha, DateTimeOffset mergedAt)
    {
        if (_byHead.Count == 0 || !_byHead.TryGetValue(new Key(repository, pullRequestNumber, headSha), out var records))
            return null;
        var until = EvidenceTime.EndOfSecond(mergedAt); // merged_at is GitHub's, in whole seconds
        for (var i = records.Count - 1; i >= 0; i--)
        {
            if (records[i].RecordedAt <= until)
                return records[i].Override;
        }
        return null;
    }

    /// <summary>Every head SHA with an override record: the dashboard finds the changes merged at them and asks
    /// <see cref="Find"/> for each, where the export asks change by change.</summary>
    public IEnumerable<(string Repository, long PullRequestNumber, string HeadSha)> Heads =>
        _byHead.Keys.Select(key => (key.Repository, key.Number, key.HeadSha));

    private readonly record struct Key(string Repository, long Number, string HeadSha);

    /// <summary>The table's equality: repository under SQLite's NOCASE (ASCII letters only fold), the rest exact; PostgreSQL's
    /// nocase collation folds the same for the ASCII names GitHub gives repositories.</summary>
    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals(Key x, Key y) =>
            x.Number == y.Number && string.Equals(x.HeadSha, y.HeadSha, StringComparison.Ordinal) && SqliteNoCase.Equals(x.Repository, y.Repository);

        public int GetHashCode(Key key) => HashCode.Combine(key.Number, key.HeadSha, SqliteNoCase.GetHashCode(key.Repository));
    }
}
