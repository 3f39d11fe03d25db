using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Policy;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class ReviewRuleTests
{
    [Test]
    public void An_approval_of_the_head_by_an_independent_human_qualifies()
    {
        var decision = new PullRequestBuilder().Approved(Bob).Evaluate();

        Assert.That(decision.ApprovalBy(Bob).Qualifies, Is.True);
        Assert.That(decision.ApprovalBy(Bob).Reason, Is.EqualTo("qualifies"));
        Assert.That(decision.Rule(RuleIds.Review).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That((decision.QualifyingApprovals, decision.RequiredApprovals), Is.EqualTo((1, 1)));
    }

    [Test]
    public void Without_approvals_the_rule_is_pending()
    {
        var rule = new PullRequestBuilder().Evaluate().Rule(RuleIds.Review);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pending));
        Assert.That(rule.Message, Does.StartWith("Waiting for 1 approval from a reviewer who did not author or prompt this change"));
    }

    [Test]
    public void An_approval_of_an_older_commit_is_stale()
    {
        var builder = new PullRequestBuilder().WithCommit("One").WithCommit("Two");
        var approval = builder.WithReview(Bob, "APPROVED", commitId: ShaOf(0)).Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.Reason, Is.EqualTo($"stale: approved {ShaOf(0)[..7]}, head is {ShaOf(1)[..7]}"));
    }

    [Test]
    public void An_approval_of_an_older_commit_counts_when_stale_approvals_are_kept()
    {
        var approval = new PullRequestBuilder().WithCommit("One").WithCommit("Two")
            .WithReviewPolicy(r => r with { DismissStaleApprovals = false })
            .WithReview(Bob, "APPROVED", commitId: ShaOf(0))
            .Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.True);
    }

    [Test]
    public void A_reviewer_of_type_bot_does_not_qualify()
    {
        var approval = new PullRequestBuilder().Approved(CopilotBot).Evaluate().ApprovalBy(CopilotBot);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.Reason, Is.EqualTo("reviewer is a bot"));
    }

    [Test]
    public void A_reviewer_whose_login_ends_in_bot_does_not_qualify()
    {
        var approval = new PullRequestBuilder().Approved(RenovateBot).Evaluate().ApprovalBy(RenovateBot);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.Reason, Is.EqualTo("reviewer is a bot"));
    }

    [Test]
    public void The_pull_request_author_does_not_qualify()
    {
        var approval = new PullRequestBuilder().WithAuthor(Carol).Approved(Carol).Evaluate().ApprovalBy(Carol);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.Reason, Is.EqualTo("reviewer is the pull request author"));
    }

    [Test]
    public void The_author_of_any_commit_does_not_qualify()
    {
        var approval = new PullRequestBuilder()
            .WithCommit("Mine")
            .WithCommit("Bob's fix", author: Bob, committer: Alice)
            .Approved(Bob).Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.Reason, Is.EqualTo($"reviewer authored commit {ShaOf(1)[..7]}"));
    }

    [Test]
    public void The_committer_of_any_commit_does_not_qualify()
    {
        var approval = new PullRequestBuilder()
            .WithCommit("Rebased by Bob", author: Alice, committer: Bob)
            .Approved(Bob).Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.Reason, Is.EqualTo($"reviewer committed {ShaOf(0)[..7]}"));
    }

    [Test]
    public void The_web_flow_committer_is_not_a_contributor()
    {
        var decision = new PullRequestBuilder()
            .WithCommit("Apply suggestion", author: Alice, committer: WebFlow)
            .Approved(Bob).Evaluate();

        Assert.That(decision.Contributors.Select(c => c.Login), Is.EqualTo(new[] { "alice" }));
        Assert.That(decision.ApprovalBy(Bob).Qualifies, Is.True);
    }

    [Test]
    public void A_human_co_author_is_not_a_contributor()
    {
        var approval = new PullRequestBuilder()
            .WithCommit("Apply suggestion\n\nCo-authored-by: bob <bob@example.com>")
            .Approved(Bob).Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.True);
    }

    [Test]
    public void Identities_compare_by_user_id_not_login()
    {
        var renamedAlice = new GitHubUser(Alice.Id, "alice-new-name");
        var impostor = new GitHubUser(9999, "alice");

        var decision = new PullRequestBuilder().Approved(renamedAlice).Approved(impostor).Evaluate();

        Assert.That(decision.ApprovalBy(renamedAlice).Qualifies, Is.False);
        Assert.That(decision.ApprovalBy(impostor).Qualifies, Is.True);
    }

    [Test]
    public void Every_failed_condition_is_named()
    {
        var approval = new PullRequestBuilder().WithCommit("One").WithCommit("Two")
            .WithReview(Alice, "APPROVED", commitId: ShaOf(0))
            .Evaluate().ApprovalBy(Alice);

        Assert.That(approval.Reason, Is.EqualTo(
            $"stale: approved {ShaOf(0)[..7]}, head is {ShaOf(1)[..7]}; reviewer is the pull request author; " +
            $"reviewer authored commit {ShaOf(0)[..7]}; reviewer committed {ShaOf(0)[..7]}"));
    }

    [Test]
    public void A_comment_after_an_approval_changes_nothing()
    {
        var decision = new PullRequestBuilder().Approved(Bob).WithReview(Bob, "COMMENTED").Evaluate();

        Assert.That(decision.Approvals, Has.Count.EqualTo(1));
        Assert.That(decision.ApprovalBy(Bob).Qualifies, Is.True);
    }

    [Test]
    public void A_dismissal_after_an_approval_overrides_it()
    {
        var approval = new PullRequestBuilder().Approved(Bob).WithReview(Bob, "DISMISSED").Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.State, Is.EqualTo("DISMISSED"));
        Assert.That(approval.Reason, Is.EqualTo("review dismissed"));
    }

    [Test]
    public void Changes_requested_after_an_approval_overrides_it()
    {
        var approval = new PullRequestBuilder().Approved(Bob).WithReview(Bob, "CHANGES_REQUESTED").Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.False);
        Assert.That(approval.Reason, Is.EqualTo("changes requested"));
    }

    [Test]
    public void An_approval_after_changes_requested_qualifies_and_webhook_casing_is_accepted()
    {
        var approval = new PullRequestBuilder().WithReview(Bob, "changes_requested").WithReview(Bob, "approved")
            .Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.True);
        Assert.That(approval.State, Is.EqualTo("APPROVED"));
    }

    [Test]
    public void The_latest_review_is_chosen_by_submission_time()
    {
        var t = new DateTimeOffset(2025, 3, 2, 12, 0, 0, TimeSpan.Zero);
        var approval = new PullRequestBuilder()
            .WithReview(Bob, "APPROVED", at: t.AddHours(1))
            .WithReview(Bob, "CHANGES_REQUESTED", at: t)
            .Evaluate().ApprovalBy(Bob);

        Assert.That(approval.Qualifies, Is.True);
    }

    [Test]
    public void A_review_by_a_deleted_account_does_not_qualify()
    {
        var decision = new PullRequestBuilder().WithReview(null, "APPROVED").Evaluate();

        Assert.That(decision.Approvals.Single().Qualifies, Is.False);
        Assert.That(decision.Approvals.Single().Reason, Is.EqualTo("reviewer's account no longer exists"));
    }

    [Test]
    public void A_sensitive_path_raises_the_requirement_to_two()
    {
        var decision = new PullRequestBuilder().WithFile("src/Auth/Login.cs")
            .WithReviewPolicy(r => r with { SensitivePaths = ["src/Auth/**"] })
            .Approved(Bob).Evaluate();

        Assert.That(decision.RequiredApprovals, Is.EqualTo(2));
        Assert.That(decision.Rule(RuleIds.Review).Outcome, Is.EqualTo(RuleOutcome.Pending));
        Assert.That(decision.Rule(RuleIds.Review).Message, Does.Contain("src/Auth/Login.cs is a sensitive path"));
        Assert.That(decision.Title, Is.EqualTo("Waiting for 1 approval from a reviewer who did not author or prompt this change"));
    }

    [Test]
    public void A_sensitive_file_renamed_away_still_counts()
    {
        var decision = new PullRequestBuilder().WithFile("attic/Login.cs", "renamed", "src/Auth/Login.cs")
            .WithReviewPolicy(r => r with { SensitivePaths = ["src/Auth/**"] })
            .Evaluate();

        Assert.That(decision.RequiredApprovals, Is.EqualTo(2));
    }

    [Test]
    public void Two_qualifying_approvals_satisfy_a_sensitive_change()
    {
        var decision = new PullRequestBuilder().WithFile("src/Auth/Login.cs")
            .WithReviewPolicy(r => r with { SensitivePaths = ["src/Auth/**"] })
            .Approved(Bob).Approved(Carol).Evaluate();

        Assert.That(decision.Rule(RuleIds.Review).Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(decision.QualifyingApprovals, Is.EqualTo(2));
    }

    [Test]
    public void An_ai_assisted_change_uses_ai_required_approvals()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add\n\nAI-Assisted: Cursor")
            .WithReviewPolicy(r => r with { AiRequiredApprovals = 3 })
            .Approved(Bob).Evaluate();

        Assert.That(decision.RequiredApprovals, Is.EqualTo(3));
        Assert.That(decision.Title, Is.EqualTo("Waiting for 2 approvals from reviewers who did not author or prompt this change"));
    }

    [Test]
    public void Ai_required_approvals_do_not_apply_to_a_change_that_is_not_ai_assisted()
    {
        var decision = new PullRequestBuilder().WithReviewPolicy(r => r with { AiRequiredApprovals = 3 })
            .Approved(Bob).Evaluate();

        Assert.That(decision.RequiredApprovals, Is.EqualTo(1));
    }

    [Test]
    public void Unset_ai_required_approvals_means_required_approvals()
    {
        var decision = new PullRequestBuilder().WithBody(Description(yes: true, data: true))
            .WithCommit("Add\n\nAI-Assisted: Cursor")
            .WithReviewPolicy(r => r with { RequiredApprovals = 2, AiRequiredApprovals = null })
            .Evaluate();

        Assert.That(decision.RequiredApprovals, Is.EqualTo(2));
    }

    [Test]
    public void The_largest_applicable_requirement_counts()
    {
        var decision = new PullRequestBuilder().WithFile("infra/main.tf")
            .WithReviewPolicy(r => r with { RequiredApprovals = 3, SensitivePaths = ["infra/**"], SensitiveRequiredApprovals = 2 })
            .Evaluate();

        Assert.That(decision.RequiredApprovals, Is.EqualTo(3));
    }

    [Test]
    public void An_unattributed_commit_fails_the_review_by_default()
    {
        var decision = new PullRequestBuilder()
            .WithCommit("Local commit", unlinkedAuthor: true)
            .Approved(Bob).Evaluate();
        var rule = decision.Rule(RuleIds.Review);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Details, Is.EqualTo(new[]
        {
            $"{ShaOf(0)[..7]} Local commit — author Unlinked Person <unlinked@example.com> not linked to a GitHub account",
        }));
        Assert.That(decision.Commits[0].Unattributed, Is.True);
    }

    [Test]
    public void An_unlinked_committer_alone_makes_a_commit_unattributed()
    {
        var rule = new PullRequestBuilder().WithCommit("Rebased", author: Alice, unlinkedCommitter: true)
            .Approved(Bob).Evaluate().Rule(RuleIds.Review);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Fail));
        Assert.That(rule.Details.Single(), Does.Contain("committer Unlinked Person"));
    }

    [Test]
    public void Unattributed_commits_allowed_are_only_listed()
    {
        var rule = new PullRequestBuilder()
            .WithReviewPolicy(r => r with { UnattributedCommits = UnattributedCommits.Allow })
            .WithCommit("Local commit", unlinkedAuthor: true)
            .Approved(Bob).Evaluate().Rule(RuleIds.Review);

        Assert.That(rule.Outcome, Is.EqualTo(RuleOutcome.Pass));
        Assert.That(rule.Details.Single(), Does.StartWith("allowed by unattributed_commits: "));
    }

    [Test]
    public void Contributors_are_listed_once_each_by_user_id_with_their_roles()
    {
        var decision = new PullRequestBuilder().WithAuthor(Carol)
            .WithCommit("A", author: Dave, committer: Alice)
            .WithCommit("B", author: Alice)
            .Evaluate();

        Assert.That(decision.Contributors, Is.EqualTo(new[]
        {
            new Contributor(Alice.Id, "alice", "commit author, committer"),
            new Contributor(Carol.Id, "carol", "pull request author"),
            new Contributor(Dave.Id, "dave", "commit author"),
        }));
    }
}
