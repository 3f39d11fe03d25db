namespace Bot.Evidence.Tests.Changes;

/// <summary>The decision in force at a merge is the newest one recorded at or before GitHub's <c>merged_at</c>, which GitHub
/// gives in whole seconds: what the bot recorded during that second counts as before the merge.</summary>
public sealed class DecisionAtMergeTests
{
    private static readonly DateTimeOffset Second = new(2025, 3, 1, 12, 0, 10, TimeSpan.Zero);

    private static async Task<long?> DecisionAtMergeAsync(TimeSpan recordedAfterSecond, DateTimeOffset mergedAt)
    {
        using var db = new TestDatabase();
        await using var store = db.Open();
        var decision = TestDatabase.Decision(2) with { RecordedAt = Second + recordedAfterSecond };
        await store.Decisions.AppendAsync(decision);
        return (await store.Changes.LatestDecisionForMergeAsync(decision.Repository, decision.PullRequestNumber, decision.HeadSha, mergedAt))?.Seq;
    }

    [Test]
    public async Task A_decision_recorded_within_the_second_GitHub_reports_for_the_merge_was_in_force() =>
        Assert.That(await DecisionAtMergeAsync(TimeSpan.FromMilliseconds(400), mergedAt: Second), Is.EqualTo(1));

    [Test]
    public async Task A_decision_recorded_in_the_next_second_came_after_the_merge() =>
        Assert.That(await DecisionAtMergeAsync(TimeSpan.FromMilliseconds(1000), mergedAt: Second), Is.Null);
}
