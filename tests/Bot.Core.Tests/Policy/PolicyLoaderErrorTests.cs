using Bot.Core.Policy;
using NUnit.Framework;

namespace Bot.Core.Tests.Policy;

public class PolicyLoaderErrorTests
{
    private static PolicyException LoadFails(string yaml) => Assert.Throws<PolicyException>(() => PolicyLoader.Load(yaml))!;

    private static void AssertError(string yaml, int line, int column, string reasonPart)
    {
        var ex = LoadFails(yaml);
        Assert.Multiple(() =>
        {
            Assert.That(ex.Reason, Does.Contain(reasonPart));
            Assert.That((ex.Line, ex.Column), Is.EqualTo((line, column)), ex.Message);
            Assert.That(ex.Message, Does.StartWith($"line {line}, column {column}: "));
        });
    }

    [Test]
    public void Unknown_top_level_key_is_named_with_the_allowed_keys()
    {
        var ex = LoadFails("version: 1\nbranch: [main]\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 1)));
        Assert.That(ex.Reason, Is.EqualTo("unknown key 'branch' at the top level; allowed keys: version, branches, trailer, "
            + "known_agents, approved_tools, template, agent_files, review, overrides"));
    }

    [Test]
    public void Unknown_nested_key_names_its_section()
    {
        var ex = LoadFails("review:\n  required_approvals: 1\n  required_aprovals: 2\n");

        Assert.That((ex.Line, ex.Column), Is.EqualTo((3, 3)));
        Assert.That(ex.Reason, Does.StartWith("unknown key 'required_aprovals' in review; allowed keys: required_approvals, ai_required_approvals,"));
    }

    [TestCase("trailer:\n  keys: X\n", 2, 3, "unknown key 'keys' in trailer; allowed keys: key, negative_values, require_on_every_commit")]
    [TestCase("template:\n  yes: X\n", 2, 3, "unknown key 'yes' in template; allowed keys: ai_yes, ai_no, required_when_ai, required_always")]
    [TestCase("overrides:\n  approver: [a]\n", 2, 3, "unknown key 'approver' in overrides; allowed keys: approvers")]
    public void Unknown_keys_in_each_section(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("review:\n  required_approvals: \"2\"\n", 2, 23, "review.required_approvals: expected a whole number, found the quoted text \"2\"")]
    [TestCase("review:\n  required_approvals: two\n", 2, 23, "review.required_approvals: expected a whole number, found 'two'")]
    [TestCase("review:\n  sensitive_required_approvals: 1.5\n", 2, 33, "expected a whole number, found '1.5'")]
    [TestCase("review:\n  required_approvals: [1]\n", 2, 23, "expected a whole number, found a list")]
    [TestCase("review:\n  required_approvals: 99999999999\n", 2, 23, "review.required_approvals: 99999999999 is out of range")]
    [TestCase("review:\n  required_approvals:\n", 2, 22, "review.required_approvals: has no value")]
    [TestCase("branches: main\n", 1, 11, "branches: expected a list, found 'main'")]
    [TestCase("branches:\n  main: true\n", 2, 3, "branches: expected a list, found a mapping")]
    [TestCase("known_agents: {claude: true}\n", 1, 15, "known_agents: expected a list, found a mapping")]
    [TestCase("approved_tools:\n", 1, 16, "approved_tools: has no value; write [] for an empty list")]
    [TestCase("review: [required_approvals]\n", 1, 9, "review: expected a mapping of keys, found a list")]
    [TestCase("trailer: AI-Assisted\n", 1, 10, "trailer: expected a mapping of keys, found 'AI-Assisted'")]
    [TestCase("- version: 1\n", 1, 1, ": expected a mapping of keys, found a list")]
    [TestCase("trailer:\n  require_on_every_commit: yes\n", 2, 28, "trailer.require_on_every_commit: expected true or false, found 'yes'")]
    [TestCase("review:\n  dismiss_stale_approvals: 'true'\n", 2, 28, "expected true or false, found the quoted text \"true\"")]
    [TestCase("template:\n  required_always: [ok, [nested]]\n", 2, 25, "template.required_always[1]: expected text, found a list")]
    [TestCase("known_agents: [claude, '']\n", 1, 24, "known_agents[1]: may not be empty")]
    [TestCase("template:\n  ai_yes: '   '\n", 2, 11, "template.ai_yes: may not be empty")]
    [TestCase("overrides:\n  approvers: ['@alice']\n", 2, 15, "overrides.approvers[0]: '@alice' is neither a GitHub login nor a team written @org/team")]
    public void Wrong_types_point_at_the_value(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("branches: [main, 'release/[abc']\n", 1, 18, "branches[1]: invalid glob 'release/[abc': '[' at position 9 is never closed")]
    [TestCase("approved_tools:\n  - Cursor*\n  - 'Claude]'\n", 3, 5, "approved_tools[1]: invalid glob 'Claude]'")]
    [TestCase("agent_files: [default, '.x/[]']\n", 1, 24, "agent_files[1]: invalid glob '.x/[]'")]
    [TestCase("review:\n  sensitive_paths: ['src/[z-a]/**']\n", 2, 21, "review.sensitive_paths[0]: invalid glob 'src/[z-a]/**'")]
    public void Bad_globs_point_at_the_entry(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("version: 2\n", 1, 10, "version: 2 is not supported; this bot reads version 1")]
    [TestCase("# policy\nversion: 0\n", 2, 10, "version: 0 is not supported")]
    [TestCase("version: '1'\n", 1, 10, "version: expected a whole number")]
    [TestCase("version: 1.0\n", 1, 10, "version: expected a whole number, found '1.0'")]
    public void Version_other_than_1_is_refused(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("review:\n  required_approvals: -1\n", 2, 23, "review.required_approvals: must be 0 or more, found -1")]
    [TestCase("review:\n  ai_required_approvals: -2\n", 2, 26, "review.ai_required_approvals: must be 0 or more, found -2")]
    [TestCase("review:\n  sensitive_required_approvals: -3\n", 2, 33, "review.sensitive_required_approvals: must be 0 or more, found -3")]
    public void Negative_approval_counts_are_refused(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("review:\n  unattributed_commits: warn\n", 2, 25, "review.unattributed_commits: expected fail or allow, found 'warn'")]
    [TestCase("review:\n  unattributed_commits: Fail\n", 2, 25, "expected fail or allow, found 'Fail'")]
    public void Unattributed_commits_must_be_fail_or_allow(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("trailer:\n  key: ''\n", 2, 8, "trailer.key: may not be empty")]
    [TestCase("trailer:\n  key:\n", 2, 7, "trailer.key: has no value")]
    [TestCase("trailer:\n  key: AI Assisted\n", 2, 8, "trailer.key: 'AI Assisted' is not a git trailer key")]
    [TestCase("trailer:\n  key: 'AI-Assisted:'\n", 2, 8, "is not a git trailer key (ASCII letters, digits and '-' only)")]
    public void Trailer_key_must_be_a_nonempty_git_trailer_key(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("review:\n  required_approvals: [1, 2\ntrailer: {}\n", 2, 23, "YAML syntax error: the file cannot be read past this list or mapping")]
    [TestCase("version: 1\n  branches: [main]\n", 2, 11, "YAML syntax error: ")]
    [TestCase("key: \"\\q\"\n", 1, 6, "YAML syntax error: While scanning a quoted scalar, found unknown escape character.")]
    [TestCase("a: b: c\n", 1, 5, "YAML syntax error: ")]
    public void Yaml_syntax_errors_carry_the_parser_position(string yaml, int line, int column, string reason)
    {
        AssertError(yaml, line, column, reason);
    }

    [TestCase("template:\n  ai_yes: AI used\n  ai_no: ai  USED? no\n")]
    [TestCase("template:\n  ai_no: This change\n")]
    public void Yes_and_no_labels_that_share_a_prefix_are_refused(string yaml)
    {
        AssertError(yaml, 2, 3, "template: ai_yes and ai_no must not start with the same text");
    }

    [Test]
    public void Duplicate_keys_are_refused_at_the_second()
    {
        AssertError("review:\n  required_approvals: 1\n  required_approvals: 2\n", 3, 3,
            "duplicate key 'required_approvals' (first given at line 2)");
    }

    [Test]
    public void A_second_document_is_refused()
    {
        AssertError("version: 1\n---\nversion: 1\n", 2, 1, "must hold one YAML document");
    }

    [Test]
    public void Tags_are_refused()
    {
        AssertError("review:\n  required_approvals: !!int \"2\"\n", 2, 23, "YAML tags (tag:yaml.org,2002:int) are not allowed");
    }

    [Test]
    public void A_mapping_as_a_key_is_refused()
    {
        AssertError("? [a, b]\n: 1\n", 1, 3, "a key must be a plain name");
    }
}
