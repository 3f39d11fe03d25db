using System.Collections.Concurrent;
using Bot.Core.Model;
using Bot.GitHub.Rest;

namespace Bot.Serve.Evaluation;

/// <summary>Answers the team membership questions of <c>review.sensitive_approvers</c> from GitHub's team membership API,
/// keeping each answer briefly per installation: a burst of evaluations of one pull request (or of a team's pull requests)
/// asks GitHub once. A failed call is never an answer: it fails the evaluation, which is retried (never a false
/// <c>success</c>).</summary>
public sealed class TeamMembershipCache(TimeProvider clock)
{
    /// <summary>Short, so that someone added to or removed from a team counts within a minute.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    // Expired answers are dropped when the cache grows past this, so it cannot grow without bound.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<(long Installation, TeamMembership Question), (bool Active, DateTimeOffset Until)> _answers = new();

    /// <summary>The memberships among <paramref name="questions"/> that are active.</summary>
    public async Task<IReadOnlySet<TeamMembership>> ActiveAsync(IGitHubInstallationClient client, IReadOnlyList<TeamMembership> questions,
        CancellationToken cancellationToken)
    {
        var active = new HashSet<TeamMembership>();
        foreach (var question in questions)
        {
            if (await IsActiveAsync(client, question, cancellationToken))
                active.Add(question);
        }
        return active;
    }

    private async Task<bool> IsActiveAsync(IGitHubInstallationClient client, TeamMembership question, CancellationToken cancellationToken)
    {
        var key = (client.InstallationId, question);
        var now = clock.GetUtcNow();
        if (_answers.TryGetValue(key, out var cached) && cached.Until > now)
            return cached.Active;
        var active = await client.IsTeamMemberAsync(question.Org, question.Team, question.Login, cancellationToken);
        if (_answers.Count > PruneAbove)
        {
            foreach (var (stale, _) in _answers.Where(a => a.Value.Until <= now))
                _answers.TryRemove(stale, out _);
        }
        _answers[key] = (active, now + Lifetime);
        return active;
    }
}
