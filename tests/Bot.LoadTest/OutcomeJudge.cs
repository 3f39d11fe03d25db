using Bot.FakeGitHub;

namespace Bot.LoadTest;

/// <summary>Lost: acknowledged (2xx) but not processed. Duplicated: one delivery recorded by two evidence records.
/// Wrong: a pull request whose last check run is not its right conclusion, or any <c>success</c> ever posted for a pull
/// request whose right conclusion is not success (completed runs are never edited, so a false success stays visible).</summary>
public sealed record Outcomes(int Lost, int Duplicated, int Wrong, IReadOnlyList<string> Problems)
{
    public bool Clean => Lost == 0 && Duplicated == 0 && Wrong == 0;
}

public static class OutcomeJudge
{
    public static Outcomes Judge(FakeGitHubServer github, ServiceDatabase database, IEnumerable<(SentDelivery Sent, PopulationPullRequest Target)> sent)
    {
        ArgumentNullException.ThrowIfNull(github);
        ArgumentNullException.ThrowIfNull(database);
        var problems = new List<string>();
        var acknowledged = sent.Where(s => s.Sent.Status is >= 200 and < 300).ToList();
        var states = database.StateByDelivery();

        var lost = 0;
        foreach (var (delivery, target) in acknowledged)
        {
            if (states.TryGetValue(delivery.DeliveryId, out var state) && state == "processed") continue;
            lost++;
            if (problems.Count < 20) problems.Add($"lost: delivery {delivery.DeliveryId} for #{target.Number} is {state ?? "not in the inbox"}");
        }

        var twice = database.DeliveriesRecordedTwice();
        problems.AddRange(twice.Take(20).Select(id => $"duplicated: delivery {id} has more than one evidence record"));

        var wrong = 0;
        foreach (var target in acknowledged.Select(a => a.Target).Distinct())
        {
            var runs = github.CheckRuns(target.Repository).Where(r => r.HeadSha == target.HeadSha).OrderBy(r => r.Id).ToList();
            var problem = runs.Count == 0 ? "no check run"
                : target.Expected != Expected.Success && runs.Any(r => r.Conclusion == "success") ? "a success was posted"
                : !Matches(runs[^1], target.Expected) ? $"last check run is {runs[^1].Status}/{runs[^1].Conclusion} \"{runs[^1].Title}\""
                : null;
            if (problem is null) continue;
            wrong++;
            if (problems.Count < 40) problems.Add($"wrong: #{target.Number} should be {target.Expected}: {problem}");
        }
        return new Outcomes(lost, twice.Count, wrong, problems);
    }

    /// <summary>For a run without workers: every acknowledged delivery must be in the inbox and still pending (lost: missing;
    /// wrong: claimed or processed although no worker runs, or an evaluation recorded).</summary>
    public static Outcomes JudgeKeptPending(ServiceDatabase database, IEnumerable<(SentDelivery Sent, PopulationPullRequest Target)> sent)
    {
        ArgumentNullException.ThrowIfNull(database);
        var problems = new List<string>();
        var states = database.StateByDelivery();
        int lost = 0, wrong = 0;
        foreach (var (delivery, _) in sent.Where(s => s.Sent.Status is >= 200 and < 300))
        {
            if (!states.TryGetValue(delivery.DeliveryId, out var state))
            {
                lost++;
                if (problems.Count < 20) problems.Add($"lost: delivery {delivery.DeliveryId} is not in the inbox");
            }
            else if (state != "pending")
            {
                wrong++;
                if (problems.Count < 40) problems.Add($"wrong: delivery {delivery.DeliveryId} is {state} although no worker runs");
            }
        }
        if (database.Decisions() is var decisions and > 0)
        {
            wrong++;
            problems.Add($"wrong: {decisions} evaluations recorded although no worker runs");
        }
        return new Outcomes(lost, 0, wrong, problems);
    }

    private static bool Matches(FakeCheckRun run, Expected expected) => expected switch
    {
        Expected.Pending => run.Status != "completed" && run.Conclusion is null,
        _ => run.Status == "completed" && run.Conclusion == LoadPopulation.ConclusionOf(expected),
    };
}
