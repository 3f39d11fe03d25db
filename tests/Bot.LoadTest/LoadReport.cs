using System.Globalization;

namespace Bot.LoadTest;

/// <summary>GitHub calls of single evaluations, measured before the load (see LoadEngine.ProbeAsync).</summary>
public sealed record ApiCallProbe(
    int ColdStart,
    IReadOnlyDictionary<string, int> ColdStartRoutes,
    int FirstEvaluation,
    IReadOnlyDictionary<string, int> FirstEvaluationRoutes,
    int ReevaluationRateLimited)
{
    public static string Describe(IReadOnlyDictionary<string, int> routes) =>
        string.Join(", ", routes.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key} x{r.Value}"));
}

/// <summary>What the evaluations of a run cost and how long deliveries waited for them. <see cref="AcceptToCheckRun"/>
/// counts one delivery per evaluation (the newest one it covered, which it names); <see cref="AcceptToProcessed"/> counts
/// every delivery, including those that waited for an evaluation of their pull request already running.</summary>
public sealed record EvaluationFigures(
    Distribution AcceptToCheckRun,
    Distribution AcceptToProcessed,
    ApiCallProbe Calls,
    double CallsPerEvaluation);

public sealed record LoadReport(
    LoadSettings Settings,
    int Accepted,
    int Refused,
    double SendSeconds,
    Distribution Ack,
    IReadOnlyList<double> AckP99ByWindow,
    Distribution ServiceAck,
    EvaluationFigures? Evaluation,
    long Evaluations,
    long PeakRssBytes,
    TimeSpan ServiceCpu,
    Outcomes Outcomes)
{
    public double AcceptedPerSecond => SendSeconds <= 0 ? 0 : Accepted / SendSeconds;

    public void Print(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var mode = Settings.IntakeOnly ? " (intake only: workers disabled)" : "";
        var store = Settings.PostgresConnectionString is null ? "SQLite" : "PostgreSQL";
        output.WriteLine($"deliveries {Settings.Deliveries} at target {Settings.Rate}/s over {Settings.PullRequests} PRs{mode}, {Settings.Replicas} replica(s) on {store}");
        output.WriteLine($"accepted {Accepted}, refused/unanswered {Refused}, sent in {SendSeconds:F1} s: {AcceptedPerSecond:F0} accepted/s");
        output.WriteLine($"ack latency: {Ack}");
        output.WriteLine($"ack p99 by {LoadSettings.WindowSeconds} s of sending: {string.Join(", ", AckP99ByWindow.Select(p => p.ToString("F1", CultureInfo.InvariantCulture)))} ms");
        output.WriteLine($"  of which inside the service (its Server-Timing, body read to stored): {ServiceAck}");
        if (Evaluation is { } e)
        {
            output.WriteLine($"accept -> check run + evidence (the delivery each evaluation names): {e.AcceptToCheckRun}");
            output.WriteLine($"accept -> processed (every delivery; its pull request's check run posted): {e.AcceptToProcessed}");
            output.WriteLine($"GitHub API calls, first evaluation of a PR: {e.Calls.FirstEvaluation} ({ApiCallProbe.Describe(e.Calls.FirstEvaluationRoutes)})");
            output.WriteLine($"GitHub API calls, first evaluation after start-up: {e.Calls.ColdStart} ({ApiCallProbe.Describe(e.Calls.ColdStartRoutes)})");
            output.WriteLine($"GitHub API rate-limited calls, re-evaluation of an unchanged PR: {e.Calls.ReevaluationRateLimited}");
            output.WriteLine($"GitHub API calls per evaluation under load: {e.CallsPerEvaluation:F2} ({Evaluations} evaluations)");
        }
        output.WriteLine($"peak RSS of bot serve (the largest replica): {PeakRssBytes / (1024.0 * 1024):F1} MiB");
        var until = Settings.IntakeOnly ? "sent" : "drained";
        output.WriteLine($"CPU of bot serve (every replica) from first send to {until}: {ServiceCpu.TotalSeconds:F1} s, {ServiceCpu.TotalMilliseconds / Math.Max(1, Accepted):F2} ms per accepted delivery");
        output.WriteLine($"lost {Outcomes.Lost}, duplicated {Outcomes.Duplicated}, wrong {Outcomes.Wrong}");
        foreach (var problem in Outcomes.Problems) output.WriteLine("  " + problem);
    }
}
