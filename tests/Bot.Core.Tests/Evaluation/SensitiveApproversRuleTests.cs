using Bot.Core.Evaluation;
using Bot.Core.Model;
using NUnit.Framework;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;

namespace Bot.Core.Tests.Evaluation;

/// <summary>policy.md §3: with a sensitive path touched and <c>review.sensitive_approvers</c> set, one qualifying approval
/// must come from a listed login or an active member of a listed team; team membership is passed in as data.</summary>
public class SensitiveApproversRuleTests
{
    private static readonly TeamMembership BobInSecurity = TeamMembership.Of("acme", "security", "bob");

    /// <summary>A change to infra/main.tf under a policy that asks one approval (from the list) for infra/**.</summary>
    private static PullRequestBuilder InfraChange(params string[] approvers) =>
        new PullRequestBuilder()
            .WithFile("infra/main.tf")
            .WithReviewPolicy(r => r with { SensitivePaths = ["infra/**"], SensitiveRequiredApprovals = 1, SensitiveApprovers = approvers });

    private static Decision Evaluate(PullRequestBuilder builder, params TeamMembership[] active) =>
        Evaluator.Evaluate(builder.Build() with { ActiveTeamMembers = active.ToHashSet() });

    [Test]
    public void An_approval_from_someone_not_asked_for_leaves_review_pending_naming_who_is_asked()
    {
        var decision = Evaluate(InfraChange("@acme/security", "carol").Approved(Bob));

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Pending));
        Assert.That(decision.Title, Is.EqualTo("Waiting for an approval from one of @acme/security, carol"));
        Assert.That(decision.Rule(RuleIds.Review).Message, Does.StartWith(
            "Waiting for an approval from one of @acme/security, carol: infra/main.tf is a sensitive path and review.sensitive_approvers is set (1 qualifying approval, 1 required"));
        Assert.That(decision.ApprovalBy(Bob).SensitiveApprover, Is.EqualTo(
            new SensitiveApproval(false, "not listed in sensitive_approvers and not an active member of @acme/security")));
    }

    [Test]
    public void An_approval_from_an_active_team_member_satisfies_it()
    {
        var decision = Evaluate(InfraChange("@acme/security").Approved(Bob), BobInSecurity);

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(decision.ApprovalBy(Bob).SensitiveApprover, Is.EqualTo(new SensitiveApproval(true, "active member of @acme/security")));
    }

    [Test]
    public void Team_membership_compares_case_insensitively()
    {
        var decision = Evaluate(InfraChange("@Acme/Security").Approved(Bob), TeamMembership.Of("ACME", "SECURITY", "Bob"));

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
    }

    [Test]
    public void An_approval_from_a_listed_login_satisfies_it_without_asking_github()
    {
        var builder = InfraChange("@acme/security", "BOB").Approved(Bob);

        Assert.That(Evaluator.TeamMembershipQuestions(builder.Build()), Is.Empty, "a listed login needs no team answer");
        var decision = Evaluate(builder);
        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(decision.ApprovalBy(Bob).SensitiveApprover!.Reason, Is.EqualTo("listed in sensitive_approvers"));
    }

    [Test]
    public void A_team_member_who_is_also_a_contributor_does_not_count()
    {
        var builder = InfraChange("@acme/security")
            .WithCommit("Tune the firewall\n\nAI-Assisted: no", author: Alice)
            .WithCommit("Fix a typo\n\nAI-Assisted: no", author: Bob)
            .Approved(Bob);

        Assert.That(Evaluator.TeamMembershipQuestions(builder.Build()), Is.Empty, "only approvals that qualify are asked about");
        var decision = Evaluate(builder, BobInSecurity);
        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Pending));
        Assert.That(decision.ApprovalBy(Bob).SensitiveApprover, Is.EqualTo(
            new SensitiveApproval(false, "active member of @acme/security, but the approval does not qualify")));
    }

    [Test]
    public void A_listed_login_who_is_a_contributor_does_not_count_either()
    {
        var decision = Evaluate(InfraChange("alice").Approved(Alice));

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Pending));
        Assert.That(decision.ApprovalBy(Alice).SensitiveApprover!.Reason, Is.EqualTo("listed in sensitive_approvers, but the approval does not qualify"));
    }

    [Test]
    public void Short_of_approvals_and_of_the_named_approver_both_are_named()
    {
        var builder = InfraChange("@acme/security").WithReviewPolicy(r => r with { SensitiveRequiredApprovals = 2 }).Approved(Bob);

        var decision = Evaluate(builder);

        Assert.That(decision.Title, Is.EqualTo("Waiting for 1 approval from a reviewer who did not author or prompt this change, one from @acme/security"));
    }

    [Test]
    public void Without_a_sensitive_file_the_list_does_not_apply_and_the_decision_json_is_unchanged()
    {
        var builder = new PullRequestBuilder()
            .WithReviewPolicy(r => r with { SensitivePaths = ["infra/**"], SensitiveApprovers = ["@acme/security"] })
            .Approved(Bob);

        Assert.That(Evaluator.TeamMembershipQuestions(builder.Build()), Is.Empty);
        var decision = Evaluate(builder);
        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Success));
        Assert.That(decision.ApprovalBy(Bob).SensitiveApprover, Is.Null);
        Assert.That(DecisionJson.Serialize(decision), Does.Not.Contain("sensitiveApprover"));
    }

    [Test]
    public void The_questions_are_each_team_for_each_otherwise_qualifying_approval()
    {
        var builder = InfraChange("@acme/security", "@acme/infra", "dave").Approved(Bob).Approved(Carol).Approved(Dave).Approved(Alice);

        Assert.That(Evaluator.TeamMembershipQuestions(builder.Build()), Is.EquivalentTo(new[]
        {
            BobInSecurity, TeamMembership.Of("acme", "infra", "bob"),
            TeamMembership.Of("acme", "security", "carol"), TeamMembership.Of("acme", "infra", "carol"),
        }));
    }

    [Test]
    public void A_membership_nobody_answered_counts_as_none()
    {
        var decision = Evaluator.Evaluate(InfraChange("@acme/security").Approved(Bob).Build());

        Assert.That(decision.Conclusion, Is.EqualTo(Conclusion.Pending));
    }

    [Test]
    public void The_summary_shows_for_each_approval_whether_it_satisfied_the_requirement()
    {
        var decision = Evaluate(InfraChange("@acme/security").WithReviewPolicy(r => r with { SensitiveRequiredApprovals = 2 })
            .Approved(Bob).Approved(Carol), BobInSecurity);

        var summary = Bot.Core.Rendering.CheckRunRenderer.Render(decision).Summary;

        Assert.That(summary, Does.Contain("`sensitive_approvers`: satisfied, active member of \\@\u200Bacme/security"));
        Assert.That(summary, Does.Contain("`sensitive_approvers`: not satisfied, not listed in sensitive\\_approvers and not an active member of \\@\u200Bacme/security"));
    }
}
