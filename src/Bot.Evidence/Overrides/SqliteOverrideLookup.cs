using Bot.Evidence.Export;
using Bot.Evidence.Storage;
using Microsoft.Data.Sqlite;

namespace Bot.Evidence.Overrides;

/// <summary>The export's view of approved exceptions: the newest override record for the merged head SHA, read on the
/// export's own connection so it belongs to the same snapshot as the rows and the chain verification. The overrides table
/// is read once, up front (it holds a handful of rows where the population holds millions), instead of once per change.</summary>
internal sealed class SqliteOverrideLookup : IOverrideLookup
{
    private readonly Dictionary<Key, ApprovedOverride?> _newest = new(KeyComparer.Instance);

    public SqliteOverrideLookup(SqliteConnection connection)
    {
        // In seq order, so the newest record (override or revocation) of a head SHA is the one left in the dictionary.
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, repository, pull_request_number, head_sha, action, approver_login, reason, recorded_at FROM overrides ORDER BY seq";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            _newest[new Key(reader.GetString(1), reader.GetInt64(2), reader.GetString(3))] = reader.GetString(4) == "override"
                ? new ApprovedOverride(reader.GetString(5), reader.GetString(6), reader.GetInt64(0), EvidenceTime.Parse(reader.GetString(7)))
                : null;
        }
    }

    public ApprovedOverride? Find(string repository, long pullRequestNumber, string headSha) =>
        _newest.Count > 0 && _newest.TryGetValue(new Key(repository, pullRequestNumber, headSha), out var approved) ? approved : null;

    /// <summary>Every head SHA whose newest record is an approved override (not revoked), with that override: the dashboard
    /// finds the changes they were granted for, where the export asks change by change.</summary>
    public IEnumerable<(string Repository, long PullRequestNumber, string HeadSha, ApprovedOverride Override)> Approved =>
        _newest.Where(entry => entry.Value is not null).Select(entry => (entry.Key.Repository, entry.Key.Number, entry.Key.HeadSha, entry.Value!));

    private readonly record struct Key(string Repository, long Number, string HeadSha);

    /// <summary>The table's equality: repository under SQLite's NOCASE (ASCII letters only fold), the rest exact.</summary>
    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals(Key x, Key y) =>
            x.Number == y.Number && string.Equals(x.HeadSha, y.HeadSha, StringComparison.Ordinal) && SqliteNoCase.Equals(x.Repository, y.Repository);

        public int GetHashCode(Key key) => HashCode.Combine(key.Number, key.HeadSha, SqliteNoCase.GetHashCode(key.Repository));
    }
}
