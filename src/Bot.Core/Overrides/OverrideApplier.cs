using Bot.Core.Model;

namespace Bot.Core.Overrides;

/// <summary>An approved exception in force for one head SHA.</summary>
public sealed record ApprovedOverride(string HeadSha, long ApproverId, string ApproverLogin, DateTimeOffset ApprovedAt, string Reason);

/// <summary>Turns a failing decision into the overridden one (policy.md §7): <c>success</c> titled "Overridden by @login";
/// every rule result stays as evaluated so the summary still shows what failed. An override of another head changes nothing.</summary>
public static class OverrideApplier
{
    public static Decision Apply(Decision decision, string headSha, ApprovedOverride? approved)
    {
        if (approved is null || approved.HeadSha != headSha || decision.Conclusion != Conclusion.Failure)
            return decision;
        return decision with
        {
            Conclusion = Conclusion.Success,
            Title = $"Overridden by @{approved.ApproverLogin}",
            Override = approved,
        };
    }
}
