namespace Bot.Evidence.Export;

/// <summary>One change as the export shows it; every format writes these fields in <see cref="Columns"/> order.</summary>
public sealed record ExportRow(
    string Repository,
    string BaseRef,
    string Kind,
    string ChangeId,
    string Title,
    string Author,
    string MergedAt,
    string MergedBy,
    bool AiAssisted,
    IReadOnlyList<string> AiTools,
    IReadOnlyList<ExportApproval> QualifyingApprovals,
    string ApprovedBeforeMerge,
    string DecisionConclusion,
    long? DecisionSeq,
    IReadOnlyList<string> Findings,
    string Override,
    long EvidenceSeq,
    string EvidenceHash,
    string ChangeUrl,
    string CheckRunUrl,
    IReadOnlyList<string> CommitShas)
{
    public static IReadOnlyList<string> Columns { get; } =
    [
        "repository", "base_ref", "kind", "change_id", "title", "author", "merged_at", "merged_by", "ai_assisted", "ai_tools",
        "qualifying_approvers", "approved_before_merge", "decision_conclusion", "decision_seq", "findings", "override",
        "evidence_seq", "evidence_hash", "change_url", "check_run_url", "commit_shas",
    ];

    /// <summary>The fields as text, in <see cref="Columns"/> order (CSV and Markdown).</summary>
    public string[] ToTexts() =>
    [
        Repository, BaseRef, Kind, ChangeId, Title, Author, MergedAt, MergedBy, AiAssisted ? "yes" : "no",
        string.Join("; ", AiTools),
        string.Join("; ", QualifyingApprovals.Select(a => $"{a.Login} ({a.ApprovedAt})")),
        ApprovedBeforeMerge, DecisionConclusion, DecisionSeq?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        string.Join(" | ", Findings), Override,
        EvidenceSeq.ToString(System.Globalization.CultureInfo.InvariantCulture), EvidenceHash, ChangeUrl, CheckRunUrl,
        string.Join(" ", CommitShas),
    ];
}

/// <summary>A qualifying approval from the decision in force at merge.</summary>
public sealed record ExportApproval(string Login, string ApprovedAt);
