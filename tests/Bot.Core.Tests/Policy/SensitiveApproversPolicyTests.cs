using Bot.Core.Policy;
using NUnit.Framework;

namespace Bot.Core.Tests.Policy;

/// <summary><c>review.sensitive_approvers</c>: logins and <c>@org/team</c>, each entry checked where it is written.</summary>
public class SensitiveApproversPolicyTests
{
    [TestCase("[alice]", new[] { "alice" })]
    [TestCase("[\"@acme/security\"]", new[] { "@acme/security" })]
    [TestCase("['@acme/infra-team', bob-2, '@Acme-Corp/sec.ops_1']", new[] { "@acme/infra-team", "bob-2", "@Acme-Corp/sec.ops_1" })]
    [TestCase("\n    - alice\n    - '@acme/security'", new[] { "alice", "@acme/security" })]
    [TestCase("[]", new string[0])]
    public void Logins_and_teams_are_read_as_written(string list, string[] expected)
    {
        var policy = PolicyLoader.Load($"review:\n  sensitive_paths: [\"infra/**\"]\n  sensitive_approvers: {list}\n");

        Assert.That(policy.Review.SensitiveApprovers, Is.EqualTo(expected));
    }

    [TestCase("review:\n  sensitive_approvers: ['@alice']\n", 2, 25, "review.sensitive_approvers[0]: '@alice' is neither a GitHub login nor a team written @org/team")]
    [TestCase("review:\n  sensitive_approvers: [alice, 'bob smith']\n", 2, 32, "review.sensitive_approvers[1]: 'bob smith' is neither a GitHub login")]
    [TestCase("review:\n  sensitive_approvers:\n    - alice\n    - -bob\n", 4, 7, "review.sensitive_approvers[1]: '-bob' is neither a GitHub login")]
    [TestCase("review:\n  sensitive_approvers: ['@acme/']\n", 2, 25, "review.sensitive_approvers[0]: '@acme/' is neither")]
    [TestCase("review:\n  sensitive_approvers: ['acme/security']\n", 2, 25, "review.sensitive_approvers[0]: 'acme/security' is neither")]
    [TestCase("review:\n  sensitive_approvers: [a--b]\n", 2, 25, "review.sensitive_approvers[0]: 'a--b' is neither")]
    [TestCase("review:\n  sensitive_approvers: [abcdefghijabcdefghijabcdefghijabcdefghij]\n", 2, 25, "is neither a GitHub login")]
    [TestCase("review:\n  sensitive_approvers: alice\n", 2, 24, "review.sensitive_approvers: expected a list, found 'alice'")]
    [TestCase("review:\n  sensitive_approvers:\n", 2, 23, "review.sensitive_approvers: has no value")]
    [TestCase("review:\n  sensitive_approvers: [alice, '']\n", 2, 32, "review.sensitive_approvers[1]: may not be empty")]
    public void A_bad_entry_is_an_error_at_its_line(string yaml, int line, int column, string reason)
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load(yaml))!;

        Assert.That(ex.Reason, Does.Contain(reason));
        Assert.That((ex.Line, ex.Column), Is.EqualTo((line, column)), ex.Message);
    }
}
