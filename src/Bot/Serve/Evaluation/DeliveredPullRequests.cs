using System.Collections.Concurrent;
using Bot.Core.Model;
using Bot.Evidence;
using Bot.GitHub.Webhooks;

namespace Bot.Serve.Evaluation;

/// <summary>
/// Whether the pull request a delivery carries may stand in for <c>GET /repos/{o}/{r}/pulls/{n}</c> (one call per
/// evaluation). The copy is as GitHub held it when it sent the delivery; it is used only when nothing says it is stale:
/// <list type="bullet">
/// <item>the delivery is a first attempt (a retry, or a delivery handed back after a crash, may be old);</item>
/// <item>GitHub changed the pull request (<c>updated_at</c>) at most <see cref="FreshFor"/> ago: a delivery that arrives
/// late, or one recovered from GitHub's delivery log after an outage, is read again;</item>
/// <item>it is newer than any copy of the same pull request used before, and than the last time it was read from GitHub
/// (<see cref="ReadFromGitHub"/>): deliveries may be processed out of order, and an older copy must not undo what a newer
/// copy or a read showed.</item>
/// </list>
/// What the copy cannot show is still checked where it is read (<see cref="PullRequestReader"/>): the commits must end at
/// its head, else the pull request is read from GitHub and everything again from the newer head.
/// </summary>
public sealed class DeliveredPullRequests(EvidenceStore store, TimeProvider clock)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(1);

    /// <summary>Pull requests remembered with the newest copy used; beyond this the memory starts afresh (the freshness
    /// window alone then guards the order).</summary>
    public const int MaxRemembered = 50_000;

    private readonly ConcurrentDictionary<PullRequestKey, DateTimeOffset> _newestUsed = new();

    /// <summary>The delivery's copy of the pull request when it may be used; null when it must be read from GitHub.</summary>
    public async Task<PullRequestInfo?> CurrentAsync(PullRequestKey key, DeliveryTrigger? trigger, CancellationToken cancellationToken)
    {
        if (trigger is null || trigger.Retried)
            return null;
        var delivered = DeliveredPullRequest.TryRead(await store.ReadDeliveryBodyAsync(trigger.DeliveryId, cancellationToken));
        if (delivered is null || delivered.PullRequest.Number != key.Number)
            return null;
        var age = clock.GetUtcNow() - delivered.UpdatedAt;
        if (age > FreshFor || age < -FreshFor)
            return null;
        return IsNewest(key, delivered.UpdatedAt) ? delivered.PullRequest : null;
    }

    /// <summary>The pull request was read from GitHub, answered by <paramref name="readBy"/>. A copy GitHub dated earlier is
    /// from a change the read may already have shown newer: it is not used (at worst that costs a read). A copy dated later
    /// is from a change after the read (GitHub's <c>updated_at</c> has whole seconds, rounded down).</summary>
    public void ReadFromGitHub(PullRequestKey key, DateTimeOffset readBy) =>
        _newestUsed.AddOrUpdate(key, readBy, (_, newest) => newest > readBy ? newest : readBy);

    /// <summary>Records <paramref name="updatedAt"/> as the newest copy of the pull request when it is strictly newer than
    /// every copy used before (<c>updated_at</c> has whole seconds: two changes in one second cannot be ordered).</summary>
    private bool IsNewest(PullRequestKey key, DateTimeOffset updatedAt)
    {
        if (_newestUsed.Count >= MaxRemembered)
            _newestUsed.Clear();
        while (true)
        {
            if (!_newestUsed.TryGetValue(key, out var newest))
            {
                if (_newestUsed.TryAdd(key, updatedAt)) return true;
                continue;
            }
            if (updatedAt <= newest) return false;
            if (_newestUsed.TryUpdate(key, updatedAt, newest)) return true;
        }
    }
}
