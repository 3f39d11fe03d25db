using Bot.Core.Model;
using Bot.Core.Policy;
using Bot.Core.Trailers;
using Bot.Evidence.Changes;
using Bot.GitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Population;

/// <summary>
/// Records the change population (policy.md §5) from the worker: merged pull requests and direct pushes into in-scope
/// branches, appended to the hash-chained changes table. GitHub is asked what it knows now (policy on the base branch,
/// the pull request's merge, which pull requests hold a pushed commit, the commits that landed); any failure throws so
/// the delivery is retried. A change already recorded (redelivery, retry, or the other delivery of the same merge) is
/// not recorded again.
/// </summary>
public sealed partial class ChangeRecorder(IInstallationClientFactory github, PolicyResolver policies, HeadInputsCache heads, IChangeLog changeLog, TimeProvider clock,
    ILogger<ChangeRecorder> logger) : IDisposable
{
    /// <summary>A push payload lists at most this many commits; a push that long is read again through compare.</summary>
    public const int PayloadCommitLimit = 2048;

    private readonly ChangeAppender _appender = new(changeLog);
    private readonly RecentLandings _recent = new();

    public void Dispose() => _recent.Dispose();

    /// <summary>A <c>closed</c> delivery: a merged pull request joins the population. The payload only names it; its merge
    /// is read from GitHub, as the push that landed it reads it, so either delivery records the same change.</summary>
    /// <param name="deliveryId">Null when the change was found without a delivery (<paramref name="source"/> <c>reconcile</c>).</param>
    public async Task RecordMergeAsync(long installationId, PullRequestEvent payload, string? deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken,
        string source = ChangeSources.Webhook)
    {
        var pr = payload.PullRequest;
        if (pr.Merged != true || payload.Repository is not { } repository)
            return; // closed without merging: nothing reached the branch
        var key = PullRequestKey.Create(installationId, repository.FullName, payload.Number);
        if (await changeLog.ExistsAsync(key.Repository, pr.Base.Ref, ChangeKinds.PullRequest, PullRequestChangeId(key.Number), cancellationToken))
            return;
        var client = github.ForInstallation(installationId);
        var merge = await client.GetPullRequestMergeAsync(key.Owner, key.Repo, key.Number, cancellationToken);
        if (!merge.Merged)
            throw new InvalidOperationException($"the closed delivery says {key} merged, but GitHub does not report it merged (yet)");
        var scope = await ScopeAsync(client, key, repository.DefaultBranch, merge.BaseRef, cancellationToken);
        if (scope.InScope)
            await RecordPullRequestAsync(client, key, scope, merge, new ChangeOrigin(deliveryId, receivedAt, source), push: null, cancellationToken);
    }

    /// <summary>A <c>push</c> to an in-scope branch: the merged pull requests it lands (recorded here when no delivery has
    /// yet), every other commit as a direct push, and a force push or deletion as such.</summary>
    /// <param name="deliveryId">Null when the push was found without a delivery (<paramref name="source"/> <c>reconcile</c>).</param>
    public async Task RecordPushAsync(long installationId, PushEvent payload, string? deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken,
        string source = ChangeSources.Webhook)
    {
        // First of all: no evaluation after this push may judge by a policy file the push changed.
        policies.ObservePush(installationId, payload);
        const string heads = "refs/heads/";
        if (payload.Repository is not { } repository || !payload.Ref.StartsWith(heads, StringComparison.Ordinal))
            return; // tags are not production changes
        var branch = payload.Ref[heads.Length..];
        var key = PullRequestKey.Create(installationId, repository.FullName, 0);
        var client = github.ForInstallation(installationId);
        var scope = await ScopeAsync(client, key, repository.DefaultBranch, branch, cancellationToken);
        if (!scope.InScope)
            return;

        var origin = new ChangeOrigin(deliveryId, receivedAt, source);
        var records = new List<ChangeRecord>();
        if (payload.Deleted || payload.Forced)
        {
            var (kind, code, what) = payload.Deleted
                ? (ChangeKinds.BranchDeletion, FindingCodes.BranchDeleted, $"branch {branch} was deleted")
                : (ChangeKinds.ForcePush, FindingCodes.ForcePush, $"branch {branch} was force-pushed from {payload.Before} to {payload.After}");
            records.Add(PushRecord(installationId, key, payload, branch, kind, $"{payload.Before}..{payload.After}", what,
                payload.Pusher.Name, [payload.Before, payload.After], [], [.. scope.Findings, new ChangeFinding(code, what)], origin));
        }
        if (!payload.Deleted)
        {
            var pushed = await PushedCommitsAsync(client, key, repository.DefaultBranch, payload, cancellationToken);
            var landed = await PullRequestsLandedAsync(client, key, scope, branch, new LandingPush(payload.After, pushed), origin, cancellationToken);
            foreach (var commit in pushed.Where(c => !landed.Contains(c.Sha)))
            {
                var tools = AiDeclaration.PositiveValues(commit.Message, scope.Policy.Trailer);
                records.Add(PushRecord(installationId, key, payload, branch, ChangeKinds.DirectPush, commit.Sha, commit.Subject,
                    commit.Author, [commit.Sha], tools,
                    [.. scope.Findings, new ChangeFinding(FindingCodes.NoPullRequest, $"{commit.Sha[..Math.Min(7, commit.Sha.Length)]} reached {branch} without a merged pull request (pushed by {payload.Pusher.Name})")],
                    origin));
            }
        }

        var appended = await _appender.AppendNewAsync(records, cancellationToken);
        if (appended.Count > 0)
        {
            logger.LogInformation("Recorded {Count} direct changes to {Repository}:{Branch} (change seq {First}..{Last})",
                appended.Count, key.Repository, branch, appended[0].Seq, appended[^1].Seq);
        }
    }

    /// <summary>
    /// The pushed commits that belong to a merged pull request: for each pull request that GitHub associates with a pushed
    /// commit ("pull requests for a commit") and that merged into <paramref name="branch"/>, the commits that landed for it,
    /// recording it as a change when no delivery has yet (its <c>closed</c> delivery may come later or never; a merge queue
    /// lands several in one push). Newest first, so one call usually finds a pull request with all its commits.
    /// </summary>
    private async Task<HashSet<string>> PullRequestsLandedAsync(IGitHubInstallationClient client, PullRequestKey key, ScopeResult scope,
        string branch, LandingPush push, ChangeOrigin origin, CancellationToken cancellationToken)
    {
        var landed = new HashSet<string>(StringComparer.Ordinal);
        var asked = new HashSet<int>();
        var unread = new HashSet<int>();
        foreach (var commit in push.Commits.Reverse())
        {
            if (landed.Contains(commit.Sha))
                continue;
            // The closed delivery came first and this process recorded the pull request: the change log confirms it.
            if (_recent.PullRequestOf(key.Repository, branch, commit.Sha) is { } known && !asked.Contains(known)
                && await changeLog.RecordedCommitsAsync(key.Repository, branch, ChangeKinds.PullRequest, PullRequestChangeId(known), cancellationToken) is { } hinted
                && hinted.CommitShas.Contains(commit.Sha) && !hinted.FindingCodes.Contains(FindingCodes.LandedCommitsUnread))
            {
                asked.Add(known);
                landed.UnionWith(hinted.CommitShas);
                continue;
            }
            var pulls = (await client.ListPullRequestsForCommitAsync(key.Owner, key.Repo, commit.Sha, cancellationToken))
                .Where(p => p.Merged && string.Equals(p.BaseRef, branch, StringComparison.Ordinal)).ToList();
            foreach (var pull in pulls.Where(p => asked.Add(p.Number)))
            {
                var recorded = await EnsureRecordedAsync(client, key with { Number = pull.Number }, scope, branch, origin, push, cancellationToken);
                if (recorded is null || recorded.FindingCodes.Contains(FindingCodes.LandedCommitsUnread))
                    unread.Add(pull.Number);
                else
                    landed.UnionWith(recorded.CommitShas);
            }
            // When GitHub could not show a pull request's landed commits, its association is all there is to go by.
            if (pulls.Any(p => unread.Contains(p.Number)))
                landed.Add(commit.Sha);
        }
        return landed;
    }

    private ChangeRecord PushRecord(long installationId, PullRequestKey key, PushEvent payload, string branch, string kind, string changeId,
        string title, string author, IReadOnlyList<string> commits, IReadOnlyList<string> tools, IReadOnlyList<ChangeFinding> findings,
        ChangeOrigin origin) => new()
    {
        RecordedAt = clock.GetUtcNow(),
        InstallationId = installationId,
        Repository = key.Repository,
        Kind = kind,
        ChangeId = changeId,
        Title = title,
        Author = author,
        MergedBy = payload.Pusher.Name,
        // A push payload carries no push time; the delivery's arrival (or what reconciliation dates it by) is the closest the bot knows.
        MergedAt = origin.ReceivedAt,
        BaseRef = branch,
        CommitShas = commits,
        AiAssisted = tools.Count > 0,
        AiTools = tools,
        Findings = findings,
        DeliveryId = origin.DeliveryId,
        Source = origin.Source,
    };

    /// <summary>Where a change came from: the delivery that told of it (null when reconciliation found it in a branch's
    /// history), when that arrived (or the time reconciliation dates it by), and <see cref="ChangeRecord.Source"/>.</summary>
    private sealed record ChangeOrigin(string? DeliveryId, DateTimeOffset ReceivedAt, string Source);

    /// <summary>A push's <c>after</c> and the commits it brought, oldest first.</summary>
    private sealed record LandingPush(string After, IReadOnlyList<PushedCommit> Commits);

    /// <param name="Author">The pusher's view of the author: GitHub login when known, else the git name.</param>
    /// <param name="Info">The commit as the landed-commit records take it (message and git author).</param>
    private sealed record PushedCommit(string Sha, string Message, string Author, CommitInfo Info)
    {
        public string Subject => Message.Split('\n', 2)[0].TrimEnd('\r');
    }

    /// <summary>The commits a push brought: the payload's, or all of <c>before...after</c> through compare when the payload
    /// may be cut off (2,048 commits) or the branch was just created (compared from the default branch).</summary>
    private static async Task<IReadOnlyList<PushedCommit>> PushedCommitsAsync(IGitHubInstallationClient client, PullRequestKey key,
        string? defaultBranch, PushEvent payload, CancellationToken cancellationToken)
    {
        var created = payload.Created || payload.Before == PushEvent.ZeroSha;
        if (!created && payload.Commits.Count < PayloadCommitLimit)
        {
            return [.. payload.Commits.Select(c => new PushedCommit(c.Id, c.Message, c.Author.Username ?? c.Author.Name,
                new CommitInfo(c.Id, c.Message, Identity(c.Author), Identity(c.Committer), null, null, CommittedAt: c.Timestamp)))];
        }
        var baseRef = created ? defaultBranch ?? (await client.GetRepositoryAsync(key.Owner, key.Repo, cancellationToken)).DefaultBranch : payload.Before;
        var compare = await client.CompareAsync(key.Owner, key.Repo, baseRef, payload.After, cancellationToken);
        return [.. compare.Commits.Select(c => new PushedCommit(c.Sha, c.Message, c.AuthorUser?.Login ?? c.Author.Name, c))];
    }

    private static GitIdentity Identity(WebhookCommitIdentity identity) => new(identity.Name, identity.Email ?? "");

    private sealed record ScopeResult(bool InScope, PolicyDocument Policy, IReadOnlyList<ChangeFinding> Findings);

    /// <summary>In scope per the policy on <paramref name="branch"/>. An unreadable or invalid policy cannot say: the change is
    /// recorded (a missing change is worse than an extra one) with a finding, judged by the default policy's trailer key.</summary>
    private async Task<ScopeResult> ScopeAsync(IGitHubInstallationClient client, PullRequestKey key, string? defaultBranch, string branch, CancellationToken cancellationToken)
    {
        var resolved = await policies.ResolveAsync(client, key.Owner, key.Repo, branch, cancellationToken);
        if (resolved.Policy is null)
        {
            return new ScopeResult(true, PolicyDocument.Default,
                [new ChangeFinding(FindingCodes.ScopeUnknown, $"policy invalid, change recorded as in scope: {resolved.Error}")]);
        }
        defaultBranch ??= (await client.GetRepositoryAsync(key.Owner, key.Repo, cancellationToken)).DefaultBranch;
        return new ScopeResult(Bot.Core.Evaluation.Scope.IsInScope(resolved.Policy, defaultBranch, branch), resolved.Policy, []);
    }
}
