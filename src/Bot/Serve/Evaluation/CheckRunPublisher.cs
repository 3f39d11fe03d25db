using Bot.Core.Model;
using Bot.Core.Rendering;
using Bot.Evidence.CheckRuns;
using Bot.GitHub.Rest;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Evaluation;

/// <summary>Posts the decision as the check run of a head SHA (policy.md §4 lifecycle): one run per head, updated in place
/// while queued or in progress; a changed result after completion gets a new run (GitHub never reopens a completed one);
/// an identical result is not posted again.</summary>
public sealed class CheckRunPublisher(ICheckRunCache checkRuns, IOptions<ChecksOptions> options, TimeProvider clock)
{
    public async Task<long> PublishAsync(IGitHubInstallationClient client, PullRequestKey key, string headSha, Conclusion conclusion,
        CheckRunText text, string externalId, CancellationToken cancellationToken)
    {
        var (status, conclusionWord) = CheckRunState(conclusion);
        var summarySha = Sha256Text.Of(text.Summary);
        var existing = await checkRuns.GetAsync(key.Repository, headSha, cancellationToken);
        if (existing is not null && existing.Status == status && existing.Conclusion == conclusionWord &&
            existing.Title == text.Title && existing.SummarySha256 == summarySha)
        {
            return existing.CheckRunId;
        }

        var now = clock.GetUtcNow();
        var request = new CheckRunRequest
        {
            Name = options.Value.Name,
            HeadSha = headSha,
            Status = status,
            Conclusion = conclusionWord,
            ExternalId = externalId,
            DetailsUrl = string.IsNullOrWhiteSpace(options.Value.DetailsUrl) ? null : options.Value.DetailsUrl,
            CompletedAt = status == "completed" ? now : null,
            Output = new CheckRunOutput(text.Title, text.Summary),
        };
        var run = existing is not null && existing.Status != "completed"
            ? await client.UpdateCheckRunAsync(key.Owner, key.Repo, existing.CheckRunId, request with { Name = null, HeadSha = null }, cancellationToken)
            : await client.CreateCheckRunAsync(key.Owner, key.Repo, request with { StartedAt = now }, cancellationToken);

        await checkRuns.SaveAsync(new CheckRunEntry(key.Repository, headSha, run.Id, status, conclusionWord, text.Title, summarySha, now), cancellationToken);

        if (options.Value.PostCommitStatus)
        {
            var state = conclusion switch { Conclusion.Pending => "pending", Conclusion.Failure => "failure", _ => "success" };
            await client.CreateCommitStatusAsync(key.Owner, key.Repo, headSha,
                new CommitStatusRequest(state, options.Value.Name, text.Title, run.HtmlUrl), cancellationToken);
        }
        return run.Id;
    }

    /// <summary>How a conclusion shows on the check run: pending stays <c>in_progress</c>; anything else completes.</summary>
    public static (string Status, string? Conclusion) CheckRunState(Conclusion conclusion) => conclusion switch
    {
        Conclusion.Pending => ("in_progress", null),
        Conclusion.Failure => ("completed", "failure"),
        _ => ("completed", "success"),
    };
}
