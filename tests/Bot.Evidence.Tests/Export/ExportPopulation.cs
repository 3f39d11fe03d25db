using System.Globalization;
using Bot.Evidence.Changes;
using Bot.Evidence.Decisions;
using Bot.Evidence.Overrides;

namespace Bot.Evidence.Tests.Export;

/// <summary>
/// A small population that exercises what the export's order and formatting depend on: repositories differing only in
/// case (NOCASE order), several base refs, change ids that sort as text, both kinds under one id, titles that need CSV
/// quoting or formula escaping, approvals before and after the merge, overrides (kept, revoked, other head, other case).
/// More than two batches of rows, so batch boundaries are crossed.
/// </summary>
internal static class ExportPopulation
{
    public const int Changes = 700;

    public static readonly DateTimeOffset Merged = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] Repositories = ["acme/app", "Acme/App", "acme/zed", "ACME/beta", "acme/app-2"];
    private static readonly string[] BaseRefs = ["main", "release/1", "Main"];
    private static readonly string[] Titles =
        ["plain", "with, comma", "with \"quotes\"", "line\nbreak", "=SUM(A1)", "-1", "+1", "@here", "\ttab", "Ünïcödé ✓", ""];

    private static readonly string[] Approvals =
    [
        """[{"id":1,"login":"bob","state":"APPROVED","qualifies":true,"submittedAt":"2025-03-01T00:00:10Z"}]""",
        """[{"login":"eve","qualifies":false,"submittedAt":"2025-01-01T00:00:00Z"},{"qualifies":true,"submittedAt":"2025-04-01T00:00:00Z"}]""",
        "[]",
        """[{"login":"ign\u006fred","qualifies":true,"login":"zed","submittedAt":5,"extra":{"qualifies":false,"nested":[1,2]}}]""",
        """[{"login":"amy","qualifies":"true"},{"login":"ann","qualifies":true,"qualifies":false},{"login":"al","qualifies":false,"qualifies":true}]""",
    ];

    public static async Task BuildAsync(TestDatabase db)
    {
        await using var store = db.Open();
        await BuildAsync(store);
    }

    /// <summary>Writes the population through the store's seams (any provider).</summary>
    public static async Task BuildAsync(IEvidenceStore store)
    {
        var decisions = await store.Decisions.AppendManyAsync([.. Approvals.Select((json, i) => Decision(i, json))]);
        await store.Changes.AppendManyAsync([.. Enumerable.Range(0, Changes).Select(i => Change(i, decisions[i % decisions.Count]))]);
        // PR 7 (acme/zed... see Change): an override in force; PR 14: overridden then revoked; PR 21: override for another head;
        // PR 35: override recorded under another spelling of the repository; PR 1: overridden, but its decision at merge
        // failed (the override did not cover a rule that failed later); PR 12: overridden only after it merged.
        await store.Overrides.AppendAsync(Override(7, "override"));
        await store.Overrides.AppendAsync(Override(14, "override"));
        await store.Overrides.AppendAsync(Override(14, "revoke"));
        await store.Overrides.AppendAsync(Override(21, "override") with { HeadSha = new string('f', 40) });
        await store.Overrides.AppendAsync(Override(35, "override") with { Repository = Repository(35).ToUpperInvariant() });
        await store.Overrides.AppendAsync(Override(1, "override"));
        await store.Overrides.AppendAsync(Override(12, "override") with { RecordedAt = Merged.AddMinutes(12).AddSeconds(1) });
    }

    public static string Repository(int i) => Repositories[i % Repositories.Length];

    public static string Sha(int i) => i.ToString("x40", CultureInfo.InvariantCulture);

    private static DecisionRecord Decision(int n, string approvalsJson) => new()
    {
        RecordedAt = Merged,
        InstallationId = 1,
        Repository = "acme/app",
        PullRequestNumber = n,
        HeadSha = Sha(n),
        BaseRef = "main",
        BodySha256 = new string('0', 64),
        BotVersion = "1.0.0",
        PolicySource = "acme/.github:policy.yml@main",
        Conclusion = n % 2 == 0 ? "success" : "failure",
        Title = "decision",
        AiAssisted = false,
        ToolsJson = "[]",
        ContributorsJson = "[]",
        ApprovalsJson = approvalsJson,
        RulesJson = "[]",
        DecisionJson = "{}",
        CheckRunId = n % 3 == 0 ? null : 500 + n,
    };

    private static ChangeRecord Change(int i, Bot.Evidence.Chain.AppendedRecord decision)
    {
        var direct = i % 7 == 3;
        var sha = Sha(i);
        return new ChangeRecord
        {
            RecordedAt = Merged.AddSeconds(i),
            InstallationId = i % 11 == 0 ? null : 1,
            Repository = Repository(i),
            Kind = direct ? ChangeKinds.DirectPush : ChangeKinds.PullRequest,
            // Ids repeat across kinds and sort as text ("10" before "9").
            ChangeId = (i % 97).ToString(CultureInfo.InvariantCulture),
            PullRequestNumber = direct ? null : i,
            Title = Titles[i % Titles.Length] + (i % 5 == 0 ? "" : $" #{i}"),
            Author = i % 4 == 0 ? "=cmd|' /C calc'!A0" : "alice",
            MergedBy = i % 6 == 0 ? null : "carol",
            // A few fall outside the exported period.
            MergedAt = i % 50 == 49 ? Merged.AddYears(-2) : Merged.AddMinutes(i),
            BaseRef = BaseRefs[i % BaseRefs.Length],
            HeadSha = direct ? null : sha,
            MergeCommitSha = sha,
            CommitShas = i % 9 == 0 ? [] : i % 2 == 0 ? [sha] : [Sha(i + 1000), sha],
            AiAssisted = i % 3 == 0,
            AiTools = i % 3 == 0 ? ["Cursor 0.45", "claude, \"sonnet\""] : [],
            DecisionSeq = direct || i % 13 == 0 ? null : decision.Seq,
            DecisionHash = direct || i % 13 == 0 ? null : decision.Hash,
            Findings = direct ? [new ChangeFinding(FindingCodes.NoPullRequest, "pushed directly")]
                : i % 13 == 0 ? [new ChangeFinding(FindingCodes.MissingDecision, "no decision, at merge"), new ChangeFinding(FindingCodes.ScopeUnknown, "x")]
                : [],
            Source = "webhook",
        };
    }

    private static OverrideRecord Override(int i, string action) => new()
    {
        // Granted half a minute before the change merged (at Merged + i minutes).
        RecordedAt = Merged.AddMinutes(i).AddSeconds(-30),
        InstallationId = 1,
        Repository = Repository(i),
        PullRequestNumber = i,
        HeadSha = Sha(i),
        Action = action,
        ApproverId = 9,
        ApproverLogin = "dana",
        Reason = $"hotfix, reason {i}",
        FailedRulesJson = "[\"review\"]",
        CommentId = 1000 + i + (action == "revoke" ? 1 : 0),
    };
}
