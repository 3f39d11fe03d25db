using Bot.Core.Model;

namespace Bot.Core.Rendering;

/// <summary>Check-run output (policy.md §4); summary stays under GitHub's 65,535 characters.</summary>
public sealed record CheckRunText(string Title, string Summary);

/// <summary>Renders a <see cref="Decision"/> as the check run's title and Markdown summary: every rule with its
/// result (failed first), the approvals and why each does or does not qualify, the contributors and the
/// commits with their AI declarations. All text from the decision is escaped with <see cref="MarkdownText"/>.</summary>
public static class CheckRunRenderer
{
    public const int MaxSummaryLength = 65_535;

    // Raw lengths (before escaping) of the pieces of untrusted text; they keep one line from eating the budget.
    private const int MaxMessage = 500;
    private const int MaxDetail = 200;
    private const int MaxSubject = 150;
    private const int MaxValue = 100;
    private const int MaxDetailsPerRule = 10;
    private const int MaxApprovals = 100;
    private const int MaxContributors = 100;

    public static CheckRunText Render(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var md = new BudgetedMarkdown(MaxSummaryLength);
        if (decision.PolicyError is not null)
            RenderPolicyError(md, decision.PolicyError);
        else if (!decision.InScope)
            md.TryAppendLine("The pull request's base branch is not covered by the policy's `branches`, so no rule applies.");
        else
            RenderEvaluation(md, decision);
        return new CheckRunText(decision.Title, md.ToString());
    }

    private static void RenderPolicyError(BudgetedMarkdown md, string error)
    {
        md.TryAppendLine("The policy file `.github/ai-compliance.yml` could not be used, so no rule was evaluated. " +
                         "The check fails until the policy is fixed.");
        md.AppendFixedLine();
        md.TryAppendLine($"**Reason:** {MarkdownText.EscapeTruncated(error, 2_000)}");
    }

    private static void RenderEvaluation(BudgetedMarkdown md, Decision d)
    {
        if (d.Override is { } approved)
            RenderOverride(md, approved, d);
        var tools = d.DeclaredTools.Count == 0
            ? ""
            : $" ({string.Join(", ", d.DeclaredTools.Select(t => MarkdownText.EscapeTruncated(t, MaxValue)))})";
        md.TryAppendLine($"AI-assisted: **{(d.AiAssisted ? "yes" : "no")}**{tools} · " +
                         $"Qualifying approvals: **{d.QualifyingApprovals}** ({d.RequiredApprovals} required)");

        md.AppendFixedLine();
        md.AppendFixedLine("### Rules");
        RenderRules(md, d.Rules);

        md.AppendFixedLine();
        md.AppendFixedLine($"### Approvals ({d.QualifyingApprovals} qualifying, {d.RequiredApprovals} required)");
        if (d.Approvals.Count == 0)
            md.AppendFixedLine("No approving or change-requesting reviews yet.");
        md.AppendList(d.Approvals, RenderApproval, "reviews", MaxApprovals);

        md.AppendFixedLine();
        md.AppendFixedLine("### Contributors");
        md.AppendFixedLine("Their approvals do not count: they authored, committed or opened this change.");
        md.AppendList(d.Contributors, c => $"{Login(c.Login)} ({MarkdownText.Escape(c.Role)})", "contributors", MaxContributors);

        md.AppendFixedLine();
        md.AppendFixedLine($"### Commits ({d.Commits.Count})");
        md.AppendList(d.Commits, RenderCommit, "commits", int.MaxValue);
    }

    /// <summary>policy.md §7: who overrode, when, why, and which rules failed, before everything else. When the decision
    /// still fails, the override did not cover every failing rule: say which ones it covers and which it does not.</summary>
    private static void RenderOverride(BudgetedMarkdown md, Overrides.ApprovedOverride approved, Decision d)
    {
        var failed = d.Rules.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => MarkdownText.Escape(r.Id));
        var when = $"{Login(approved.ApproverLogin)} at {approved.ApprovedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC for head {ShortSha(approved.HeadSha)}";
        if (d.Conclusion == Conclusion.Success)
        {
            md.AppendFixedLine("### Approved exception");
            md.TryAppendLine($"Overridden by {when}. Failing rules: {string.Join(", ", failed)}.");
        }
        else
        {
            var covered = approved.CoveredRules?.Select(MarkdownText.Escape) ?? [];
            var uncovered = Overrides.OverrideApplier.Uncovered(d, approved).Select(MarkdownText.Escape);
            md.AppendFixedLine("### Exception that no longer covers this change");
            md.TryAppendLine($"An exception was approved by {when}, covering the rules failing then: {string.Join(", ", covered)}. " +
                             $"Failing now and not covered: {string.Join(", ", uncovered)}. Fix them, or an approver may record a new exception.");
        }
        md.TryAppendLine($"**Reason:** {MarkdownText.EscapeTruncated(approved.Reason, 2_000)}");
        md.AppendFixedLine();
    }

    private static void RenderRules(BudgetedMarkdown md, IReadOnlyList<RuleResult> rules)
    {
        // Failed rules first, then pending, then passed; the decision's own order within each group.
        var ordered = rules.OrderBy(r => r.Outcome switch { RuleOutcome.Fail => 0, RuleOutcome.Pending => 1, _ => 2 }).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var rule = ordered[i];
            if (!md.TryAppendLine($"- {Icon(rule.Outcome)} **{MarkdownText.Escape(rule.Id)}** ({OutcomeWord(rule.Outcome)}): " +
                                  MarkdownText.EscapeTruncated(rule.Message, MaxMessage)))
            {
                md.AppendFixedLine($"- {MarkdownText.Ellipsis} {ordered.Count - i} more rules not shown");
                return;
            }
            md.AppendList(rule.Details, detail => MarkdownText.EscapeTruncated(detail, MaxDetail), "details",
                MaxDetailsPerRule, indent: "  ");
        }
    }

    private static string RenderApproval(ApprovalAssessment a) =>
        $"{(a.Qualifies ? "✅" : "❌")} {Login(a.Login)}: {MarkdownText.Escape(a.State)} on " +
        $"{MarkdownText.Escape(ShortSha(a.CommitId))} — {MarkdownText.EscapeTruncated(a.Reason, MaxDetail)}" + SensitiveApprover(a);

    /// <summary>Whether the approval satisfies <c>review.sensitive_approvers</c>, where that applies.</summary>
    private static string SensitiveApprover(ApprovalAssessment a) => a.SensitiveApprover is { } s
        ? $" · `sensitive_approvers`: {(s.Satisfies ? "satisfied" : "not satisfied")}, {MarkdownText.EscapeTruncated(s.Reason, MaxDetail)}"
        : "";

    private static string RenderCommit(CommitDeclaration c)
    {
        var parts = new List<string>(4) { Declaration(c) };
        if (c.AiCoAuthors.Count > 0)
            parts.Add("AI co-author: " + string.Join(", ", c.AiCoAuthors.Select(a => MarkdownText.EscapeTruncated(a, MaxValue))));
        if (c.IsMerge)
            parts.Add("merge commit, skipped by the trailer rules");
        if (c.Unattributed)
            parts.Add("not linked to a GitHub account");
        return $"{MarkdownText.Escape(ShortSha(c.Sha))} {MarkdownText.EscapeTruncated(c.Subject, MaxSubject)} — " +
               string.Join("; ", parts);
    }

    private static string Declaration(CommitDeclaration c)
    {
        var values = string.Join(", ", c.AiAssistedValues.Where(v => v.Length > 0).Select(v => MarkdownText.EscapeTruncated(v, MaxValue)));
        return c.Kind switch
        {
            DeclarationKind.Positive => $"declares AI: {values}",
            DeclarationKind.Invalid => values.Length > 0 ? $"empty AI declaration (also: {values})" : "empty AI declaration",
            DeclarationKind.Negative => $"declares no AI ({values})",
            _ => "no AI declaration",
        };
    }

    private static string Login(string? login) =>
        login is null ? "(deleted account)" : MarkdownText.EscapeTruncated(login, MaxValue);

    private static string ShortSha(string? sha) =>
        string.IsNullOrEmpty(sha) ? "unknown commit" : sha.Length > 7 ? sha[..7] : sha;

    private static string Icon(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Fail => "❌",
        RuleOutcome.Pending => "⏳",
        _ => "✅",
    };

    private static string OutcomeWord(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Fail => "fail",
        RuleOutcome.Pending => "pending",
        _ => "pass",
    };
}
