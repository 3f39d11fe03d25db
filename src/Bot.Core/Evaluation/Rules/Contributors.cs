using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary>The contributors of a change (policy.md §3 condition 4), by GitHub user id: the pull request's
/// author and the GitHub author or committer of any commit, GitHub's <c>web-flow</c> committer (by its user id on this
/// server, <see cref="ServerFacts.WebFlowUserId"/>) excepted.</summary>
internal sealed class Contributors
{
    private readonly SortedDictionary<long, Entry> _byId = [];

    public Contributors(PullRequestInfo pullRequest, IReadOnlyList<CommitInfo> commits, ServerFacts server)
    {
        Get(pullRequest.Author).IsPullRequestAuthor = true;
        foreach (var commit in commits)
        {
            if (commit.AuthorUser is { } author)
                Get(author).AuthoredSha ??= commit.Sha;
            // web-flow commits what people do in the web UI (merges, suggestions); the person is the author.
            if (commit.CommitterUser is { } committer && committer.Id != server.WebFlowUserId)
                Get(committer).CommittedSha ??= commit.Sha;
        }
    }

    /// <summary>Ordered by user id.</summary>
    public IReadOnlyList<Contributor> ToList() =>
        _byId.Select(pair => new Contributor(pair.Key, pair.Value.Login, pair.Value.Roles())).ToList();

    /// <summary>Why <paramref name="user"/> is a contributor ("reviewer is the pull request author", ...); empty when not.</summary>
    public IEnumerable<string> ReasonsAgainst(GitHubUser user)
    {
        if (!_byId.TryGetValue(user.Id, out var entry))
            yield break;
        if (entry.IsPullRequestAuthor)
            yield return "reviewer is the pull request author";
        if (entry.AuthoredSha is { } authored)
            yield return $"reviewer authored commit {Wording.ShortSha(authored)}";
        if (entry.CommittedSha is { } committed)
            yield return $"reviewer committed {Wording.ShortSha(committed)}";
    }

    private Entry Get(GitHubUser user)
    {
        if (!_byId.TryGetValue(user.Id, out var entry))
        {
            entry = new Entry(user.Login);
            _byId.Add(user.Id, entry);
        }
        return entry;
    }

    private sealed class Entry(string login)
    {
        public string Login { get; } = login;
        public bool IsPullRequestAuthor { get; set; }
        public string? AuthoredSha { get; set; }
        public string? CommittedSha { get; set; }

        public string Roles()
        {
            var roles = new List<string>(3);
            if (IsPullRequestAuthor) roles.Add("pull request author");
            if (AuthoredSha is not null) roles.Add("commit author");
            if (CommittedSha is not null) roles.Add("committer");
            return string.Join(", ", roles);
        }
    }
}
