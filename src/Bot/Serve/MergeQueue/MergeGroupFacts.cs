using System.Text.Json;
using Bot.Core.MergeQueue;
using Bot.Core.Model;
using Bot.Evidence.Decisions;
using Bot.GitHub.Rest;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Serve.MergeQueue;

/// <summary>Gathers what <see cref="MergeGroupJudge"/> needs about a merge group, reading GitHub only for what the evidence
/// store does not hold. Calls: one compare (<c>base_sha...head_sha</c>, a page per 100 commits); then, only for commits
/// that neither the pull requests found so far nor the decisions in the store explain, one "pull requests for a commit"
/// each (with the "merge" method every commit is explained by the store, so none).</summary>
public sealed class MergeGroupFacts(IDecisionLog decisions, ServerFacts server)
{
    public async Task<MergeGroupInput> GatherAsync(IGitHubInstallationClient client, PullRequestKey key, WebhookMergeGroup group, CancellationToken cancellationToken)
    {
        var pullRequests = new Dictionary<int, QueuedPullRequest>();
        var gitHubSays = new Dictionary<string, IReadOnlyList<int>>(StringComparer.OrdinalIgnoreCase);

        // GitHub names the group after the last pull request queued, with the head it was queued at.
        if (group.NamedPullRequest is { } name)
        {
            var named = await QueuedAsync(key, name.Number, name.HeadSha, "named by the group's head ref", cancellationToken);
            pullRequests[name.Number] = named;
            if (MergeGroupJudge.IsOutOfScope(named, group.BaseBranch))
                return Input(group, [], pullRequests, gitHubSays);
        }

        var commits = (await client.CompareAsync(key.Owner, key.Repo, group.CompareBase, group.HeadSha, cancellationToken)).Commits;

        // With the "merge" method the other pull requests' heads are commits of the group: the store knows whose head each
        // one is. Newest first, since a pull request's head comes after its other commits and places all of them.
        var askedStore = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (NextUnplaced(commits, pullRequests, askedStore) is { } commit)
        {
            if (await decisions.LatestForHeadAsync(key.Repository, commit.Sha, cancellationToken) is { } decided
                && !pullRequests.ContainsKey((int)decided.Record.PullRequestNumber))
            {
                pullRequests[(int)decided.Record.PullRequestNumber] = Queued(decided, $"its head {commit.ShortSha} is in the group");
            }
        }

        // What the store cannot place (squashed or rebased copies, commits of pull requests it never decided): ask GitHub.
        var askedGitHub = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (NextUnplaced(commits, pullRequests, askedGitHub) is { } commit)
        {
            var listed = (await client.ListPullRequestsForCommitAsync(key.Owner, key.Repo, commit.Sha, cancellationToken))
                .Where(p => string.Equals(p.BaseRef, group.BaseBranch, StringComparison.Ordinal))
                .ToList();
            gitHubSays[commit.Sha] = [.. listed.Select(p => p.Number)];
            foreach (var found in listed.Where(p => !pullRequests.ContainsKey(p.Number)))
            {
                pullRequests[found.Number] = await QueuedAsync(key, found.Number, found.HeadSha,
                    $"GitHub lists it for commit {commit.ShortSha}", cancellationToken);
            }
        }
        return Input(group, commits, pullRequests, gitHubSays);
    }

    private MergeGroupInput Input(WebhookMergeGroup group, IReadOnlyList<CommitInfo> commits,
        Dictionary<int, QueuedPullRequest> pullRequests, Dictionary<string, IReadOnlyList<int>> gitHubSays) =>
        new(group.HeadSha, group.CompareBase, group.BaseBranch, commits, [.. pullRequests.Values], gitHubSays) { Server = server };

    /// <summary>The newest commit still unplaced and not yet asked about (it is marked asked).</summary>
    private CommitInfo? NextUnplaced(IReadOnlyList<CommitInfo> commits, Dictionary<int, QueuedPullRequest> pullRequests, HashSet<string> asked)
    {
        var next = MergeGroupJudge.Unplaced(commits, pullRequests.Values, server).LastOrDefault(c => !asked.Contains(c.Sha));
        if (next is not null)
            asked.Add(next.Sha);
        return next;
    }

    private async Task<QueuedPullRequest> QueuedAsync(PullRequestKey key, int number, string headSha, string foundBy, CancellationToken cancellationToken) =>
        await decisions.LatestForPullRequestHeadAsync(key.Repository, number, headSha, cancellationToken) is { } decided
            ? Queued(decided, foundBy)
            : new QueuedPullRequest(number, headSha, foundBy, null);

    private static QueuedPullRequest Queued(StoredDecision decided, string foundBy)
    {
        var record = decided.Record;
        return new QueuedPullRequest((int)record.PullRequestNumber, record.HeadSha, foundBy,
            new RecordedDecision(decided.Seq, decided.Hash, record.Conclusion, record.Title, record.BaseRef, DecidedCommits(record.DecisionJson)));
    }

    /// <summary>The commits a decision was made on. A record this bot cannot read places nothing: its commits then count
    /// as unexplained, which fails the group rather than passing it.</summary>
    private static IReadOnlyList<string> DecidedCommits(string decisionJson)
    {
        try
        {
            return [.. Bot.Core.Evaluation.DecisionJson.Deserialize(decisionJson).Commits.Select(c => c.Sha)];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
