using System.Text;
using System.Text.Json;
using Bot.Evidence.Changes;
using Bot.Evidence.Export;

namespace Bot.Evidence.Tests.Export;

/// <summary>The export marks a merged pull request as an approved exception (policy.md §7) only when an override was in force
/// for its head when it merged and the decision the merge relied on concluded success with it.</summary>
public sealed class ExportOverrideTests
{
    private static readonly DateTimeOffset MergedAt = new(2025, 3, 5, 12, 0, 0, TimeSpan.Zero);
    private static readonly string Head = new('7', 40);

    private static async Task<JsonElement> ExportedChangeAsync(string conclusion, params (TimeSpan FromMerge, string Action)[] overrides)
    {
        using var db = new TestDatabase();
        await using (var store = db.Open())
        {
            var decision = await store.Decisions.AppendAsync(TestDatabase.Decision(2) with
            {
                PullRequestNumber = 7, HeadSha = Head, Conclusion = conclusion, RecordedAt = MergedAt.AddHours(-2),
            });
            var n = 0;
            foreach (var (fromMerge, action) in overrides)
            {
                n++;
                await store.Overrides.AppendAsync(TestDatabase.Override(n) with
                {
                    PullRequestNumber = 7, HeadSha = Head, RecordedAt = MergedAt + fromMerge, Action = action,
                });
            }
            await store.Changes.AppendAsync(TestDatabase.Change(1) with
            {
                Kind = ChangeKinds.PullRequest, ChangeId = "7", PullRequestNumber = 7, HeadSha = Head, MergedAt = MergedAt,
                DecisionSeq = decision.Seq, DecisionHash = decision.Hash, Findings = [],
            });
        }
        using var output = new MemoryStream();
        ChangeExporter.Export(db.FilePath, null, new ExportRequest { From = new DateOnly(2025, 1, 1), To = new DateOnly(2025, 12, 31), Format = ExportFormat.Json }, output);
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()));
        return json.RootElement.GetProperty("changes").EnumerateArray().Single().Clone();
    }

    private static string Override(JsonElement change) => change.GetProperty("override").GetString()!;

    [Test]
    public async Task An_override_granted_before_the_merge_of_a_successful_decision_is_an_approved_exception()
    {
        var change = await ExportedChangeAsync("success", (TimeSpan.FromHours(-1), "override"));

        Assert.That(Override(change), Does.StartWith("@dana at "));
        Assert.That(change.GetProperty("findings").EnumerateArray().Select(f => f.GetString()), Has.Some.StartsWith("approved_override: @dana"));
    }

    [Test]
    public async Task An_override_that_left_the_check_failing_is_not_an_approved_exception()
    {
        // The override covered the rules failing when it was granted; a rule that failed later kept the check failing.
        var change = await ExportedChangeAsync("failure", (TimeSpan.FromHours(-1), "override"));

        Assert.That(Override(change), Is.Empty);
        Assert.That(change.GetProperty("findings").EnumerateArray().Select(f => f.GetString()), Has.None.StartsWith("approved_override"));
    }

    [Test]
    public async Task An_override_recorded_after_the_merge_was_not_in_force_at_merge()
    {
        var change = await ExportedChangeAsync("success", (TimeSpan.FromMinutes(10), "override"));

        Assert.That(Override(change), Is.Empty);
    }

    [Test]
    public async Task A_revocation_after_the_merge_does_not_undo_the_exception_the_merge_relied_on()
    {
        var change = await ExportedChangeAsync("success", (TimeSpan.FromHours(-1), "override"), (TimeSpan.FromMinutes(10), "revoke"));

        Assert.That(Override(change), Does.StartWith("@dana at "));
    }

    [Test]
    public async Task A_revocation_before_the_merge_ends_the_exception()
    {
        var change = await ExportedChangeAsync("success", (TimeSpan.FromHours(-1), "override"), (TimeSpan.FromMinutes(-10), "revoke"));

        Assert.That(Override(change), Is.Empty);
    }

    [Test]
    public async Task An_override_recorded_within_the_second_GitHub_reports_as_the_merge_time_was_in_force()
    {
        // GitHub's merged_at has whole seconds: a merge at 12:00:00.9 reads as 12:00:00, after an override at 12:00:00.4.
        var change = await ExportedChangeAsync("success", (TimeSpan.FromMilliseconds(400), "override"));

        Assert.That(Override(change), Does.StartWith("@dana at "));
    }
}
