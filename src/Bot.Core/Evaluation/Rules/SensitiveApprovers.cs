using Bot.Core.Model;
using Bot.Core.Policy;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>review.sensitive_approvers</c> (policy.md §3): when a sensitive path is touched and the list is set, one of
/// the qualifying approvals must come from a listed login or an active member of a listed team. Team membership is data the
/// host asked GitHub for (<see cref="Questions"/>), passed in as <see cref="EvaluationInput.ActiveTeamMembers"/>.</summary>
internal sealed class SensitiveApprovers
{
    private const string Approved = "APPROVED";

    private readonly IReadOnlyList<string> _entries;
    private readonly IReadOnlyList<(string Org, string Team)> _teams;
    private readonly IReadOnlySet<TeamMembership> _active;

    private SensitiveApprovers(IReadOnlyList<string> entries, string sensitiveFile, IReadOnlySet<TeamMembership>? active)
    {
        _entries = entries;
        _teams = [.. ApproverEntries.Teams(entries)];
        _active = active ?? new HashSet<TeamMembership>();
        SensitiveFile = sensitiveFile;
        Asked = entries.Count == 1 ? entries[0] : $"one of {string.Join(", ", entries)}";
    }

    /// <summary>The changed file that makes the requirement apply.</summary>
    public string SensitiveFile { get; }

    /// <summary>Who is asked for, as the messages name them: "@acme/security" or "one of @acme/security, alice".</summary>
    public string Asked { get; }

    /// <summary>The requirement for this change, or null when it does not apply (no sensitive file, or no list).</summary>
    public static SensitiveApprovers? For(EvaluationFacts facts, string? sensitiveFile) =>
        sensitiveFile is null || facts.Policy.Review.SensitiveApprovers.Count == 0
            ? null
            : new SensitiveApprovers(facts.Policy.Review.SensitiveApprovers, sensitiveFile, facts.Input.ActiveTeamMembers);

    /// <summary>The memberships worth asking GitHub about: for each approval that qualifies otherwise and whose reviewer is
    /// not listed by login, each listed team.</summary>
    public IEnumerable<TeamMembership> Questions(IReadOnlyList<ApprovalAssessment> approvals) =>
        approvals
            .Where(a => a.Qualifies && a.Login is not null && !ApproverEntries.ListsLogin(_entries, a.Login))
            .SelectMany(a => _teams.Select(t => TeamMembership.Of(t.Org, t.Team, a.Login!)))
            .Distinct();

    /// <summary>Adds to an approval whether it satisfies the requirement; other reviews are left as they are.</summary>
    public ApprovalAssessment Annotate(ApprovalAssessment approval)
    {
        if (!string.Equals(approval.State, Approved, StringComparison.Ordinal))
            return approval;
        var why = Why(approval.Login);
        var satisfies = approval.Qualifies && why is not null;
        var reason = (why, approval.Qualifies) switch
        {
            (not null, true) => why,
            (not null, false) => $"{why}, but the approval does not qualify",
            (null, true) => _teams.Count == 0
                ? "not listed in sensitive_approvers"
                : $"not listed in sensitive_approvers and not an active member of {string.Join(", ", _teams.Select(t => $"@{t.Org}/{t.Team}"))}",
            _ => "the approval does not qualify",
        };
        return approval with { SensitiveApprover = new SensitiveApproval(satisfies, reason) };
    }

    public static bool IsSatisfiedBy(IEnumerable<ApprovalAssessment> approvals) =>
        approvals.Any(a => a.SensitiveApprover is { Satisfies: true });

    /// <summary>Why the reviewer counts for the requirement, or null when they do not (as far as anyone asked GitHub).</summary>
    private string? Why(string? login)
    {
        if (login is null)
            return null;
        if (ApproverEntries.ListsLogin(_entries, login))
            return "listed in sensitive_approvers";
        var team = _teams.FirstOrDefault(t => _active.Contains(TeamMembership.Of(t.Org, t.Team, login)));
        return team == default ? null : $"active member of @{team.Org}/{team.Team}";
    }
}
