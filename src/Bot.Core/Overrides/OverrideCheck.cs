using Bot.Core.Model;
using Bot.Core.Policy;

namespace Bot.Core.Overrides;

/// <summary>Whether a commenter may override or revoke (policy.md §7): listed in <c>overrides.approvers</c> (a login, or a
/// member of a listed team — team membership is asked of GitHub by the caller and passed in), not a bot, not a contributor
/// of the change (§3 condition 4), and for an override a reason of at least 10 characters. Pure: no I/O.</summary>
public static class OverrideCheck
{
    /// <returns>null when allowed, else the reason it is refused (the bot replies with it).</returns>
    public static string? Refusal(OverrideCommand command, GitHubUser commenter, PolicyDocument policy, Decision decision, bool memberOfApproverTeam)
    {
        if (command.Verb == OverrideVerb.None) return "not an /ai-compliance command";
        if (policy.Overrides.Approvers.Count == 0) return "overrides are off: the policy lists no overrides.approvers";
        if (commenter.IsBot) return $"@{commenter.Login} is a bot; only people may approve an exception";
        var listed = ApproverEntries.ListsLogin(policy.Overrides.Approvers, commenter.Login);
        if (!listed && !memberOfApproverTeam)
            return $"@{commenter.Login} is not listed in overrides.approvers";
        if (command.Verb == OverrideVerb.Revoke) return null;
        if (decision.Contributors.Any(c => c.Id == commenter.Id))
            return $"@{commenter.Login} is a contributor of this change and cannot approve its exception";
        if (command.Reason.Length < OverrideCommand.MinimumReasonLength)
            return $"an override needs a reason of at least {OverrideCommand.MinimumReasonLength} characters: /ai-compliance override <reason>";
        return null;
    }

    /// <summary>The teams (<c>@org/team</c>) listed as approvers, for the caller to ask GitHub about.</summary>
    public static IEnumerable<(string Org, string Team)> ApproverTeams(PolicyDocument policy) =>
        ApproverEntries.Teams(policy.Overrides.Approvers);
}
