using System.Globalization;
using Bot.Core.Model;
using Bot.Core.Trailers;
using Bot.Evidence.Changes;
using Bot.GitHub.Rest;
using Bot.Serve.Evaluation;

namespace Bot.Population;

/// <summary>The change of a merged pull request: its last decision before the merge, the commits that landed (found from
/// the merge itself, <see cref="LandedCommitsFinder"/>), and the findings an auditor must see. Built from what GitHub
/// reports about the merge, whichever delivery (<c>closed</c> or the push that landed it) comes first.</summary>
public sealed partial class ChangeRecorder
{
    private static string PullRequestChangeId(int number) => number.ToString(CultureInfo.InvariantCulture);

    /// <summary>What is recorded for pull request <c>key.Number</c>, recording it first if no delivery has; null when GitHub
    /// does not report it merged into <paramref name="branch"/>.</summary>
    private async Task<RecordedCommits?> EnsureRecordedAsync(IGitHubInstallationClient client, PullRequestKey key, ScopeResult scope,
        string branch, ChangeOrigin origin, LandingPush push, CancellationToken cancellationToken)
    {
        if (await changeLog.RecordedCommitsAsync(key.Repository, branch, ChangeKinds.PullRequest, PullRequestChangeId(key.Number), cancellationToken) is { } recorded)
        {
            _recent.Remember(key.Repository, branch, key.Number, recorded.CommitShas);
            return recorded;
        }
        var merge = await client.GetPullRequestMergeAsync(key.Owner, key.Repo, key.Number, cancellationToken);
        if (!merge.Merged || !string.Equals(merge.BaseRef, branch, StringComparison.Ordinal))
            return null;
        return await RecordPullRequestAsync(client, key, scope, merge, origin, push, cancellationToken);
    }

    /// <summary>Records the merged pull request unless another delivery recorded it meanwhile; returns what is recorded.</summary>
    private async Task<RecordedCommits> RecordPullRequestAsync(IGitHubInstallationClient client, PullRequestKey key, ScopeResult scope,
        PullRequestMerge merge, ChangeOrigin origin, LandingPush? push, CancellationToken cancellationToken)
    {
        var record = await MergedChangeAsync(client, key, scope, merge, origin, push, cancellationToken);
        var appended = await _appender.AppendNewAsync([record], cancellationToken);
        if (appended.Count == 0)
        {
            return await changeLog.RecordedCommitsAsync(key.Repository, record.BaseRef, record.Kind, record.ChangeId, cancellationToken)
                ?? throw new InvalidOperationException($"{key} was neither appended nor found recorded");
        }
        _recent.Remember(key.Repository, record.BaseRef, key.Number, record.CommitShas);
        logger.LogInformation("Recorded merge of {PullRequest} into {Base} as change seq {Seq}: {Commits} landed commits, {Findings} findings",
            key.ToString(), record.BaseRef, appended[0].Seq, record.CommitShas.Count, record.Findings.Count);
        return new RecordedCommits(record.CommitShas, [.. record.Findings.Select(f => f.Code)]);
    }

    private async Task<ChangeRecord> MergedChangeAsync(IGitHubInstallationClient client, PullRequestKey key, ScopeResult scope,
        PullRequestMerge merge, ChangeOrigin origin, LandingPush? push, CancellationToken cancellationToken)
    {
        var mergedAt = merge.MergedAt ?? origin.ReceivedAt;
        var decision = await changeLog.LatestDecisionForMergeAsync(key.Repository, key.Number, merge.HeadSha, mergedAt, cancellationToken);
        var findings = new List<ChangeFinding>(scope.Findings);
        if (decision is null)
        {
            var later = await changeLog.LatestDecisionForMergeAsync(key.Repository, key.Number, merge.HeadSha, null, cancellationToken);
            findings.Add(new ChangeFinding(FindingCodes.MissingDecision, later is null
                ? $"no decision was recorded for head {merge.HeadSha} before the merge"
                : $"the only decision for head {merge.HeadSha} (seq {later.Seq}) was recorded after the merge"));
        }
        else if (decision.Conclusion != "success")
        {
            findings.Add(new ChangeFinding(FindingCodes.DecisionNotSuccess,
                $"the last decision before the merge (seq {decision.Seq}) concluded {decision.Conclusion}"));
        }

        var landed = await LandedCommitsAsync(client, key, merge, push, findings, cancellationToken);
        var landedTools = landed?.SelectMany(c => AiDeclaration.PositiveValues(c.Message, scope.Policy.Trailer)).ToList() ?? [];
        if (decision is { AiAssisted: true } && landed is not null && landedTools.Count == 0)
        {
            findings.Add(new ChangeFinding(FindingCodes.DeclarationLostOnMerge,
                $"the pull request was AI-assisted but none of the commits that landed ({string.Join(", ", landed.Select(c => c.ShortSha))}) carries a positive {scope.Policy.Trailer.Key} trailer"));
        }
        var decisionTools = decision is null ? [] : System.Text.Json.JsonSerializer.Deserialize<List<string>>(decision.ToolsJson) ?? [];

        return new ChangeRecord
        {
            RecordedAt = clock.GetUtcNow(),
            InstallationId = key.InstallationId,
            Repository = key.Repository,
            Kind = ChangeKinds.PullRequest,
            ChangeId = PullRequestChangeId(key.Number),
            PullRequestNumber = key.Number,
            Title = merge.Title,
            Author = merge.Author.Login,
            MergedBy = merge.MergedBy?.Login,
            MergedAt = mergedAt,
            BaseRef = merge.BaseRef,
            HeadSha = merge.HeadSha,
            MergeCommitSha = merge.MergeCommitSha,
            CommitShas = landed?.Select(c => c.Sha).ToList() ?? (merge.MergeCommitSha is { } m ? [m] : []),
            AiAssisted = decision is { AiAssisted: true } || landedTools.Count > 0,
            AiTools = decisionTools.Concat(landedTools).Distinct(StringComparer.Ordinal).ToList(),
            DecisionSeq = decision?.Seq,
            DecisionHash = decision?.Hash,
            Findings = findings,
            DeliveryId = origin.DeliveryId,
            Source = origin.Source,
        };
    }

    /// <summary>The commits that landed for the merge; null when GitHub cannot show them, with a finding saying so.</summary>
    private async Task<IReadOnlyList<CommitInfo>?> LandedCommitsAsync(IGitHubInstallationClient client, PullRequestKey key,
        PullRequestMerge merge, LandingPush? push, List<ChangeFinding> findings, CancellationToken cancellationToken)
    {
        if (merge.MergeCommitSha is not { } merged)
        {
            findings.Add(new ChangeFinding(FindingCodes.LandedCommitsUnread, "GitHub reported no merge commit SHA"));
            return null;
        }
        // The pull request's commits as the bot read them when it evaluated the head that merged, if it still holds them.
        var originals = heads.CommitsOf(key, merge.HeadSha, merge.BaseRef);
        if (push is not null && originals is not null
            && PushLanding.Find(merged, push.After, [.. push.Commits.Select(c => c.Info)], originals) is { } pushedAlone)
        {
            logger.LogDebug("{PullRequest} landed alone in the push to {After}: {Count} commits", key.ToString(), push.After, pushedAlone.Count);
            return pushedAlone;
        }
        try
        {
            var landed = await LandedCommitsFinder.FindAsync(client, key, merged, originals, cancellationToken);
            logger.LogDebug("{PullRequest} landed as a {Method} on {TipBefore}: {Count} commits", key.ToString(), landed.Method, landed.TipBefore, landed.Commits.Count);
            return landed.Commits;
        }
        catch (GitHubApiException e) when (e.StatusCode is 404 or 422)
        {
            findings.Add(new ChangeFinding(FindingCodes.LandedCommitsUnread, $"GitHub could not show the merge commit {merged} or what it added ({e.StatusCode})"));
            return null;
        }
    }
}
