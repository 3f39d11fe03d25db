using Bot.Core.Model;

namespace Bot.GitHub.Rest;

/// <summary>A commit as the repository's history shows it (<c>GET /repos/{o}/{r}/commits</c>): the commit and its parents'
/// SHAs, first parent first. Walking first parents from a branch tip is how the bot tells which commits a merge added.</summary>
public sealed record HistoryCommit(CommitInfo Commit, IReadOnlyList<string> Parents)
{
    public string Sha => Commit.Sha;
}

/// <summary>What GitHub reports about a pull request's merge (<c>GET /repos/{o}/{r}/pulls/{n}</c>), read after the fact so
/// that a <c>closed</c> delivery and a push delivery describe it alike. <see cref="MergeCommitSha"/> is the merge commit,
/// the squash commit, or the last rebased copy.</summary>
public sealed record PullRequestMerge(
    int Number,
    string Title,
    GitHubUser Author,
    string BaseRef,
    string HeadSha,
    bool Merged,
    DateTimeOffset? MergedAt,
    GitHubUser? MergedBy,
    string? MergeCommitSha);
