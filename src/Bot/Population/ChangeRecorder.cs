using Bot.Core.Policy;
using Bot.Evidence;
using Bot.Evidence.Changes;
using Bot.GitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Webhooks.Payloads;
using Bot.Serve.Evaluation;

namespace Bot.Population;

/// <summary>
/// Records the change population (policy.md §5) from the worker: merged pull requests and direct pushes into in-scope
/// branches, appended to the hash-chained changes table. GitHub is asked what it knows now (policy on the base branch,
/// which pull requests hold a pushed commit, the commits that landed); any failure throws so the delivery is retried.
/// A change already recorded (redelivery, retry) is not recorded again.
/// </summary>
public sealed class ChangeRecorder(GitHubApp github, PolicyResolver policies, EvidenceStore store, TimeProvider clock, ILogger<ChangeRecorder> logger)
{
    /// <summary>A push payload lists at most this many commits; a push that long is read again through compare.</summary>
    public const int PayloadCommitLimit = 2048;

    /// <param name="deliveryId">Null when the change was found without a delivery (<paramref name="source"/> <c>reconcile</c>).</param>
    public async Task RecordMergeAsync(long installationId, PullRequestEvent payload, string? deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken,
        string source = ChangeSources.Webhook)
    {
        var pr = payload.PullRequest;
        if (pr.Merged != true || payload.Repository is not { } repository)
            return; // closed without merging: nothing reached the branch
        var key = PullRequestKey.Create(installationId, repository.FullName, payload.Number);
        var changeId = payload.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await store.ChangeExistsAsync(key.Repository, pr.Base.Ref, ChangeKinds.PullRequest, changeId, cancellationToken))
            return;
        var client = github.ForInstallation(installationId);
        var scope = await ScopeAsync(client, key, repository.DefaultBranch, pr.Base.Ref, cancellationToken);
        if (!scope.InScope)
            return;

        var mergedAt = pr.MergedAt ?? receivedAt;
        var decision = await store.LatestDecisionForMergeAsync(key.Repository, payload.Number, pr.Head.Sha, mergedAt, cancellationToken);
        var findings = new List<ChangeFinding>(scope.Findings);
        if (decision is null)
        {
            var later = await store.LatestDecisionForMergeAsync(key.Repository, payload.Number, pr.Head.Sha, null, cancellationToken);
            findings.Add(new ChangeFinding(FindingCodes.MissingDecision, later is null
                ? $"no decision was recorded for head {pr.Head.Sha} before the merge"
                : $"the only decision for head {pr.Head.Sha} (seq {later.Seq}) was recorded after the merge"));
        }
        else if (decision.Conclusion != "success")
        {
            findings.Add(new ChangeFinding(FindingCodes.DecisionNotSuccess,
                $"the last decision before the merge (seq {decision.Seq}) concluded {decision.Conclusion}"));
        }

        var landed = await LandedCommitsAsync(client, key, pr, findings, cancellationToken);
        var landedTools = landed?.SelectMany(c => AiTrailers.Positive(c.Message, scope.Policy.Trailer)).ToList() ?? [];
        if (decision is { AiAssisted: true } && landed is not null && landedTools.Count == 0)
        {
            findings.Add(new ChangeFinding(FindingCodes.DeclarationLostOnMerge,
                $"the pull request was AI-assisted but none of the commits that landed ({string.Join(", ", landed.Select(c => c.ShortSha))}) carries a positive {scope.Policy.Trailer.Key} trailer"));
        }
        var decisionTools = decision is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(decision.ToolsJson) ?? [];

        var record = new ChangeRecord
        {
            RecordedAt = clock.GetUtcNow(),
            InstallationId = installationId,
            Repository = key.Repository,
            Kind = ChangeKinds.PullRequest,
            ChangeId = changeId,
            PullRequestNumber = payload.Number,
            Title = pr.Title,
            Author = pr.User.Login,
            MergedBy = pr.MergedBy?.Login,
            MergedAt = mergedAt,
            BaseRef = pr.Base.Ref,
            HeadSha = pr.Head.Sha,
            MergeCommitSha = pr.MergeCommitSha,
            CommitShas = landed?.Select(c => c.Sha).ToList() ?? (pr.MergeCommitSha is { } m ? [m] : []),
            AiAssisted = decision is { AiAssisted: true } || landedTools.Count > 0,
            AiTools = decisionTools.Concat(landedTools).Distinct(StringComparer.Ordinal).ToList(),
            DecisionSeq = decision?.Seq,
            DecisionHash = decision?.Hash,
            Findings = findings,
            DeliveryId = deliveryId,
            Source = source,
        };
        var appended = await store.AppendChangeAsync(record, cancellationToken);
        logger.LogInformation("Recorded merge of {PullRequest} into {Base} as change seq {Seq} ({Findings} findings)",
            key.ToString(), pr.Base.Ref, appended.Seq, findings.Count);
    }

    /// <param name="deliveryId">Null when the change was found without a delivery (<paramref name="source"/> <c>reconcile</c>).</param>
    public async Task RecordPushAsync(long installationId, PushEvent payload, string? deliveryId, DateTimeOffset receivedAt, CancellationToken cancellationToken,
        string source = ChangeSources.Webhook)
    {
        const string heads = "refs/heads/";
        if (payload.Repository is not { } repository || !payload.Ref.StartsWith(heads, StringComparison.Ordinal))
            return; // tags are not production changes
        var branch = payload.Ref[heads.Length..];
        var key = PullRequestKey.Create(installationId, repository.FullName, 0);
        var client = github.ForInstallation(installationId);
        var scope = await ScopeAsync(client, key, repository.DefaultBranch, branch, cancellationToken);
        if (!scope.InScope)
            return;

        var records = new List<ChangeRecord>();
        if (payload.Deleted || payload.Forced)
        {
            var (kind, code, what) = payload.Deleted
                ? (ChangeKinds.BranchDeletion, FindingCodes.BranchDeleted, $"branch {branch} was deleted")
                : (ChangeKinds.ForcePush, FindingCodes.ForcePush, $"branch {branch} was force-pushed from {payload.Before} to {payload.After}");
            records.Add(PushRecord(installationId, key, payload, branch, kind, $"{payload.Before}..{payload.After}", what,
                payload.Pusher.Name, [payload.Before, payload.After], [], [.. scope.Findings, new ChangeFinding(code, what)], deliveryId, receivedAt, source));
        }
        if (!payload.Deleted)
        {
            foreach (var commit in await PushedCommitsAsync(client, key, repository.DefaultBranch, payload, cancellationToken))
            {
                if (await CameFromMergedPullRequestAsync(client, key, branch, commit.Sha, cancellationToken))
                    continue;
                var tools = AiTrailers.Positive(commit.Message, scope.Policy.Trailer);
                records.Add(PushRecord(installationId, key, payload, branch, ChangeKinds.DirectPush, commit.Sha, commit.Subject,
                    commit.Author, [commit.Sha], tools,
                    [.. scope.Findings, new ChangeFinding(FindingCodes.NoPullRequest, $"{commit.Sha[..Math.Min(7, commit.Sha.Length)]} reached {branch} without a merged pull request (pushed by {payload.Pusher.Name})")],
                    deliveryId, receivedAt, source));
            }
        }

        var fresh = new List<ChangeRecord>();
        foreach (var record in records)
        {
            if (!await store.ChangeExistsAsync(record.Repository, record.BaseRef, record.Kind, record.ChangeId, cancellationToken))
                fresh.Add(record);
        }
        if (fresh.Count == 0)
            return;
        var appended = await store.AppendChangesAsync(fresh, cancellationToken);
        logger.LogInformation("Recorded {Count} direct changes to {Repository}:{Branch} (change seq {First}..{Last})",
            fresh.Count, key.Repository, branch, appended[0].Seq, appended[^1].Seq);
    }

    private ChangeRecord PushRecord(long installationId, PullRequestKey key, PushEvent payload, string branch, string kind, string changeId,
        string title, string author, IReadOnlyList<string> commits, IReadOnlyList<string> tools, IReadOnlyList<ChangeFinding> findings,
        string? deliveryId, DateTimeOffset receivedAt, string source) => new()
    {
        RecordedAt = clock.GetUtcNow(),
        InstallationId = installationId,
        Repository = key.Repository,
        Kind = kind,
        ChangeId = changeId,
        Title = title,
        Author = author,
        MergedBy = payload.Pusher.Name,
        // A push payload carries no push time; the delivery's arrival is the closest the bot knows.
        MergedAt = receivedAt,
        BaseRef = branch,
        CommitShas = commits,
        AiAssisted = tools.Count > 0,
        AiTools = tools,
        Findings = findings,
        DeliveryId = deliveryId,
        Source = source,
    };

    private sealed record PushedCommit(string Sha, string Message, string Author)
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
            return [.. payload.Commits.Select(c => new PushedCommit(c.Id, c.Message, c.Author.Username ?? c.Author.Name))];
        }
        var baseRef = created ? defaultBranch ?? (await client.GetRepositoryAsync(key.Owner, key.Repo, cancellationToken)).DefaultBranch : payload.Before;
        var compare = await client.CompareAsync(key.Owner, key.Repo, baseRef, payload.After, cancellationToken);
        return [.. compare.Commits.Select(c => new PushedCommit(c.Sha, c.Message, c.AuthorUser?.Login ?? c.Author.Name))];
    }

    private static async Task<bool> CameFromMergedPullRequestAsync(IGitHubInstallationClient client, PullRequestKey key, string branch, string sha, CancellationToken cancellationToken)
    {
        var pulls = await client.ListPullRequestsForCommitAsync(key.Owner, key.Repo, sha, cancellationToken);
        return pulls.Any(p => p.Merged && string.Equals(p.BaseRef, branch, StringComparison.Ordinal));
    }

    /// <summary>The commits that landed on the base branch for a merged pull request (<c>base.sha...merge_commit_sha</c>:
    /// the squash commit, the merge commit with the branch's commits, or the rebased copies); null when GitHub cannot
    /// show them, with a finding saying so.</summary>
    private static async Task<IReadOnlyList<Bot.Core.Model.CommitInfo>?> LandedCommitsAsync(IGitHubInstallationClient client, PullRequestKey key,
        WebhookPullRequest pr, List<ChangeFinding> findings, CancellationToken cancellationToken)
    {
        if (pr.MergeCommitSha is not { } merged)
        {
            findings.Add(new ChangeFinding(FindingCodes.LandedCommitsUnread, "GitHub reported no merge commit SHA"));
            return null;
        }
        try
        {
            return (await client.CompareAsync(key.Owner, key.Repo, pr.Base.Sha, merged, cancellationToken)).Commits;
        }
        catch (GitHubApiException e) when (e.StatusCode is 404 or 422)
        {
            findings.Add(new ChangeFinding(FindingCodes.LandedCommitsUnread, $"GitHub could not compare {pr.Base.Sha}...{merged} ({e.StatusCode})"));
            return null;
        }
    }

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
