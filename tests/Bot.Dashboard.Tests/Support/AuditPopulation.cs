using System.Globalization;
using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Overrides;
using Bot.Core.Policy;
using Bot.Evidence;
using Bot.Evidence.Changes;
using Bot.Evidence.Overrides;
using Bot.Serve.Evaluation;

namespace Bot.Dashboard.Tests.Support;

/// <summary>
/// A quarter of changes written through the evidence store's append APIs, with decisions the real evaluator made (so the
/// change page shows real rules and approval reasons): 120 changes in three repositories from 6 January to 22 March 2025,
/// a third AI-assisted, direct pushes, pull requests merged without a decision or with a failing one, one whose AI
/// declaration was lost, and #142 of acme/payments, which failed and was overridden by carol before it merged. Two
/// changes lie outside the quarter. The expected figures are counted here from what was written, not by dashboard code.
/// </summary>
internal sealed class AuditPopulation
{
    public const string From = "2025-01-01";
    public const string To = "2025-03-31";
    public const string OverrideRepository = "acme/payments";
    public const int OverrideNumber = 142;
    public const string OverrideReason = "Emergency fix for the card outage, reviewed on the incident call";
    public static readonly string[] Repositories = ["acme/payments", "acme/web", "acme/infra"];

    private static readonly GitHubUser Alice = new(100, "alice");
    private static readonly GitHubUser Bob = new(200, "bob");
    private static readonly DateTimeOffset First = new(2025, 1, 6, 10, 0, 0, TimeSpan.Zero);
    private static readonly PolicyDocument Policy = PolicyDocument.Default;

    private readonly List<ChangeRecord> _inPeriod = [];

    public IReadOnlyList<ChangeRecord> InPeriod => _inPeriod;

    public int Population => _inPeriod.Count;

    public int AiAssisted => _inPeriod.Count(c => c.AiAssisted);

    public int WithGaps => _inPeriod.Count(c => c.Findings.Count > 0);

    public int WithFinding(string code) => _inPeriod.Count(c => c.Findings.Any(f => f.Code == code));

    /// <summary>The seq and hash the overridden pull request's change got in the changes chain.</summary>
    public long OverrideChangeSeq { get; private set; }

    public string OverrideChangeHash { get; private set; } = "";

    public static async Task<AuditPopulation> SeedAsync(IEvidenceStore store)
    {
        var population = new AuditPopulation();
        for (var i = 0; i < 120; i++)
        {
            var change = await population.ChangeAsync(store, i, First.AddHours(15 * i));
            var appended = await store.Changes.AppendAsync(change);
            population._inPeriod.Add(change);
            if (change.PullRequestNumber == OverrideNumber && change.Repository == OverrideRepository)
            {
                population.OverrideChangeSeq = appended.Seq;
                population.OverrideChangeHash = appended.Hash;
            }
        }
        // Outside the quarter: the Overview of the quarter must not count them.
        await store.Changes.AppendAsync(Direct(900, new DateTimeOffset(2024, 12, 31, 23, 59, 59, TimeSpan.Zero)));
        await store.Changes.AppendAsync(Direct(901, new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero)));
        return population;
    }

    private async Task<ChangeRecord> ChangeAsync(IEvidenceStore store, int i, DateTimeOffset mergedAt)
    {
        if (i % 10 == 9)
        {
            return Direct(i, mergedAt);
        }
        var repository = Repositories[i % 3];
        var number = 100 + i;
        var ai = i % 3 == 0;
        var head = $"{number:x8}".PadRight(40, 'e');
        var findings = new List<ChangeFinding>();
        long? decisionSeq = null;
        string? decisionHash = null;

        if (number == OverrideNumber && repository == OverrideRepository)
        {
            (decisionSeq, decisionHash) = await OverriddenAsync(store, repository, number, head, mergedAt);
        }
        else if (i % 7 == 3)
        {
            findings.Add(new ChangeFinding(FindingCodes.MissingDecision, "no decision was recorded for the head before the merge"));
        }
        else
        {
            var failing = i % 11 == 5;
            var decision = Evaluator.Evaluate(Input(number, head, ai, failing));
            var appended = await store.Decisions.AppendAsync(Record(repository, number, head, decision, mergedAt.AddMinutes(-30)));
            (decisionSeq, decisionHash) = (appended.Seq, appended.Hash);
            if (decision.Conclusion != Conclusion.Success)
            {
                findings.Add(new ChangeFinding(FindingCodes.DecisionNotSuccess, $"the decision in force at merge was {decision.Conclusion.ToString().ToLowerInvariant()}"));
            }
        }
        if (i == 12)
        {
            findings.Add(new ChangeFinding(FindingCodes.DeclarationLostOnMerge, "no landed commit carries a positive AI-Assisted trailer"));
        }
        return new ChangeRecord
        {
            RecordedAt = mergedAt.AddSeconds(2),
            InstallationId = 1,
            Repository = repository,
            Kind = ChangeKinds.PullRequest,
            ChangeId = number.ToString(CultureInfo.InvariantCulture),
            PullRequestNumber = number,
            Title = ai ? $"Rework the ledger export (change {i})" : $"Fix the retry budget (change {i})",
            Author = "alice",
            MergedBy = "bob",
            MergedAt = mergedAt,
            BaseRef = "main",
            HeadSha = head,
            MergeCommitSha = $"{number:x8}".PadRight(40, 'm'),
            CommitShas = [$"{number:x8}".PadRight(40, 'm')],
            AiAssisted = ai,
            AiTools = ai ? ["Cursor 0.45"] : [],
            DecisionSeq = decisionSeq,
            DecisionHash = decisionHash,
            Findings = findings,
            Source = "webhook",
        };
    }

    /// <summary>#142: the evaluator fails it (both AI boxes ticked), carol overrides, the re-evaluation is "Overridden by @carol".</summary>
    private static async Task<(long, string)> OverriddenAsync(IEvidenceStore store, string repository, int number, string head, DateTimeOffset mergedAt)
    {
        var failing = Evaluator.Evaluate(Input(number, head, ai: true, failing: true));
        await store.Decisions.AppendAsync(Record(repository, number, head, failing, mergedAt.AddHours(-3)));
        var approvedAt = mergedAt.AddHours(-2);
        await store.Overrides.AppendAsync(new OverrideRecord
        {
            RecordedAt = approvedAt,
            InstallationId = 1,
            Repository = repository,
            PullRequestNumber = number,
            HeadSha = head,
            Action = "override",
            ApproverId = 300,
            ApproverLogin = "carol",
            Reason = OverrideReason,
            FailedRulesJson = """["declaration"]""",
            CommentId = 9001,
        });
        var overridden = OverrideApplier.Apply(failing, head, new ApprovedOverride(head, 300, "carol", approvedAt, OverrideReason, ["declaration"]));
        var appended = await store.Decisions.AppendAsync(Record(repository, number, head, overridden, approvedAt.AddSeconds(5)));
        return (appended.Seq, appended.Hash);
    }

    private static ChangeRecord Direct(int i, DateTimeOffset pushedAt)
    {
        var sha = $"{i:x8}".PadRight(40, 'd');
        return new ChangeRecord
        {
            RecordedAt = pushedAt.AddSeconds(2),
            InstallationId = 1,
            Repository = Repositories[i % 3],
            Kind = ChangeKinds.DirectPush,
            ChangeId = sha,
            Title = $"Hotfix pushed straight to main ({i})",
            Author = "dave",
            MergedBy = "dave",
            MergedAt = pushedAt,
            BaseRef = "main",
            MergeCommitSha = sha,
            CommitShas = [sha],
            AiAssisted = i % 3 == 0,
            AiTools = i % 3 == 0 ? ["Claude Code"] : [],
            Findings = [new ChangeFinding(FindingCodes.NoPullRequest, $"{sha[..7]} reached main without a merged pull request (pushed by dave)")],
            Source = "webhook",
        };
    }

    /// <summary>What the evaluator reads: alice's pull request with one commit, approved by bob; AI-assisted or not, and with
    /// both boxes ticked when it must fail.</summary>
    private static EvaluationInput Input(int number, string head, bool ai, bool failing)
    {
        var body = $"Fixes the retry budget.\n\n## AI assistance\n- [{(ai || failing ? "x" : " ")}] This change includes AI-assisted code\n"
            + $"- [{(!ai || failing ? "x" : " ")}] This change does not include AI-assisted code\n"
            + "- [x] No secrets, credentials or customer data were entered into AI tools for this change\n";
        var commit = new CommitInfo(head, ai ? "Rework the ledger export\n\nAI-Assisted: Cursor 0.45\n" : "Fix the retry budget\n\nAI-Assisted: no\n",
            new GitIdentity("alice", "alice@example.com"), new GitIdentity("alice", "alice@example.com"), Alice, Alice);
        var review = new ReviewInfo(7000 + number, Bob, "APPROVED", head, First.AddDays(-1));
        var pullRequest = new PullRequestInfo(number, "A change", Alice, body, false, "main", head);
        return new EvaluationInput(pullRequest, [commit], [review], [new ChangedFile("src/Ledger.cs", "modified")], Policy, "main");
    }

    /// <summary>The evidence record the service would append for <paramref name="decision"/> (its own factory).</summary>
    private static Bot.Evidence.Decisions.DecisionRecord Record(string repository, int number, string head, Decision decision, DateTimeOffset at) =>
        DecisionRecordFactory.Create(
            new EvaluationContext(PullRequestKey.Create(1, repository, number),
                new PullRequestInfo(number, "A change", Alice, "body", false, "main", head),
                new ResolvedPolicy(Policy, $"{repository}:.github/ai-compliance.yml@main", new string('a', 64), null), null),
            decision, DecisionJson.Serialize(decision), 5000 + number, at);
}
