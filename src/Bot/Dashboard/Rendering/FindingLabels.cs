using Bot.Evidence.Changes;
using Bot.Evidence.Export;

namespace Bot.Dashboard.Rendering;

/// <summary>The words the dashboard uses for each kind of gap (a finding code of the export, or a gap of its completeness
/// section), and what it means for an auditor.</summary>
public static class FindingLabels
{
    private static readonly Dictionary<string, (string Label, string Meaning)> Known = new(StringComparer.Ordinal)
    {
        [FindingCodes.MissingDecision] = ("Missing decision", "No decision was recorded for the merged head before the merge."),
        [FindingCodes.DecisionNotSuccess] = ("Not success at merge", "The decision in force when it merged was not success."),
        [FindingCodes.DeclarationLostOnMerge] = ("Declaration lost", "AI-assisted, but no commit that landed still carries a positive AI-Assisted trailer."),
        [FindingCodes.NoPullRequest] = ("Direct push", "A commit reached the branch without a merged pull request."),
        [OverviewReader.FailedDelivery] = ("Failed delivery", "A webhook delivery about a change failed after its retries: the change may be missing."),
        [OverviewReader.NotReconciled] = ("Not reconciled", "A repository's branch history is reconciled only to a time before the period ends."),
        [OverviewReader.DeliveriesNotRecoverable] = ("Deliveries lost", "The bot was away longer than GitHub keeps deliveries and reconciliation has not covered the window."),
        [FindingCodes.ForcePush] = ("Force push", "The branch's history was rewritten."),
        [FindingCodes.BranchDeleted] = ("Branch deleted", "An in-scope branch was deleted."),
        [FindingCodes.ScopeUnknown] = ("Scope unknown", "The policy could not be read; the change was recorded as in scope."),
        [FindingCodes.LandedCommitsUnread] = ("Landed commits unread", "GitHub could not say which commits landed, so their trailers were not read."),
    };

    /// <summary>The findings a change itself carries that the Overview always lists, even at zero.</summary>
    public static IReadOnlyList<string> Headline { get; } =
        [FindingCodes.MissingDecision, FindingCodes.DecisionNotSuccess, FindingCodes.DeclarationLostOnMerge, FindingCodes.NoPullRequest];

    /// <summary>Codes the Changes table can filter by (the findings a change record carries).</summary>
    public static IReadOnlyList<string> ChangeCodes { get; } =
    [
        FindingCodes.MissingDecision, FindingCodes.DecisionNotSuccess, FindingCodes.DeclarationLostOnMerge, FindingCodes.NoPullRequest,
        FindingCodes.ForcePush, FindingCodes.BranchDeleted, FindingCodes.ScopeUnknown, FindingCodes.LandedCommitsUnread,
    ];

    public static string Label(string code) => Known.TryGetValue(code, out var known) ? known.Label : code;

    public static string Meaning(string code) => Known.TryGetValue(code, out var known) ? known.Meaning : "";

    /// <summary>Whether the gap is a change's own finding (the Changes table can list those changes).</summary>
    public static bool IsChangeFinding(string code) => code is not (OverviewReader.FailedDelivery or OverviewReader.NotReconciled or OverviewReader.DeliveriesNotRecoverable);

    /// <summary>The Overview's rows: the headline findings (zero included), then every other kind the period has.</summary>
    public static IReadOnlyList<GapCount> Rows(IReadOnlyList<GapCount> counted) =>
    [
        .. Headline.Select(code => counted.FirstOrDefault(c => c.Code == code) ?? new GapCount(code, 0)),
        .. counted.Where(c => !Headline.Contains(c.Code)),
    ];
}
