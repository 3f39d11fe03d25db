using Bot.Core.Policy;
using NUnit.Framework;

namespace Bot.Core.Tests.Policy;

public class PolicyLoaderDefaultsTests
{
    // policy.md §6, verbatim: the documented defaults must load to exactly the built-in defaults.
    private const string DocumentedDefaults = """
        # .github/ai-compliance.yml — every key optional; shown with defaults
        version: 1
        branches: ["{default}", "release/**"]
        trailer:
          key: AI-Assisted
          negative_values: [no, none, false, n/a]
          require_on_every_commit: false
        known_agents: [default]          # or a list of name/email patterns
        approved_tools: []               # empty: any tool; else globs, e.g. ["Cursor*", "Claude Code*"]
        template:
          ai_yes: "This change includes AI-assisted code"
          ai_no: "This change does not include AI-assisted code"
          required_when_ai: ["No secrets, credentials or customer data were entered into AI tools"]
          required_always: []
        agent_files: [default]           # or a list of globs
        review:
          required_approvals: 1
          ai_required_approvals: 1
          sensitive_paths: []
          sensitive_required_approvals: 2
          sensitive_approvers: []        # logins and "@org/team"; empty: any qualifying reviewer
          dismiss_stale_approvals: true
          unattributed_commits: fail     # or allow
        overrides:
          approvers: []                  # logins and org teams ("@org/team"); empty: overrides off
        """;

    [TestCase("")]
    [TestCase("\n\n")]
    [TestCase("# only a comment\n   # and another\n")]
    [TestCase("---\n")]
    [TestCase("\uFEFF# a file saved with a byte-order mark\n")]
    public void Empty_or_comment_only_file_is_the_default_policy(string yaml)
    {
        Assert.That(PolicyLoader.Load(yaml), Is.SameAs(PolicyDocument.Default));
    }

    [Test]
    public void Every_default_has_the_documented_value()
    {
        var policy = PolicyLoader.Load("");

        Assert.Multiple(() =>
        {
            Assert.That(policy.Version, Is.EqualTo(1));
            Assert.That(policy.Branches, Is.EqualTo(new[] { "{default}", "release/**" }));
            Assert.That(policy.Trailer.Key, Is.EqualTo("AI-Assisted"));
            Assert.That(policy.Trailer.NegativeValues, Is.EqualTo(new[] { "no", "none", "false", "n/a" }));
            Assert.That(policy.Trailer.RequireOnEveryCommit, Is.False);
            Assert.That(policy.KnownAgents, Is.EqualTo(DefaultLists.KnownAgents));
            Assert.That(policy.ApprovedTools, Is.Empty);
            Assert.That(policy.Template.AiYes, Is.EqualTo("This change includes AI-assisted code"));
            Assert.That(policy.Template.AiNo, Is.EqualTo("This change does not include AI-assisted code"));
            Assert.That(policy.Template.RequiredWhenAi, Is.EqualTo(new[] { "No secrets, credentials or customer data were entered into AI tools" }));
            Assert.That(policy.Template.RequiredAlways, Is.Empty);
            Assert.That(policy.AgentFiles, Is.EqualTo(DefaultLists.AgentFiles));
            Assert.That(policy.Review.RequiredApprovals, Is.EqualTo(1));
            Assert.That(policy.Review.AiRequiredApprovals, Is.Null, "absent means: same as required_approvals");
            Assert.That(policy.Review.SensitivePaths, Is.Empty);
            Assert.That(policy.Review.SensitiveRequiredApprovals, Is.EqualTo(2));
            Assert.That(policy.Review.SensitiveApprovers, Is.Empty);
            Assert.That(policy.Review.DismissStaleApprovals, Is.True);
            Assert.That(policy.Review.UnattributedCommits, Is.EqualTo(UnattributedCommits.Fail));
            Assert.That(policy.Overrides.Approvers, Is.Empty);
        });
    }

    [Test]
    public void Documented_example_loads_to_the_defaults()
    {
        var policy = PolicyLoader.Load(DocumentedDefaults);

        Assert.That(AsComparable(policy), Is.EqualTo(AsComparable(PolicyDocument.Default with
        {
            Review = PolicyDocument.Default.Review with { AiRequiredApprovals = 1 },
        })));
    }

    [Test]
    public void Default_placeholder_expands_and_mixes_with_extra_entries()
    {
        var policy = PolicyLoader.Load("known_agents: [my-internal-bot, default]\nagent_files: [default, '.junie/**']\n");

        Assert.That(policy.KnownAgents, Is.EqualTo(new[] { "my-internal-bot" }.Concat(DefaultLists.KnownAgents)));
        Assert.That(policy.AgentFiles, Is.EqualTo(DefaultLists.AgentFiles.Append(".junie/**")));
    }

    [Test]
    public void Lists_without_default_replace_the_defaults()
    {
        var policy = PolicyLoader.Load("known_agents: [robot]\nagent_files: []\n");

        Assert.That(policy.KnownAgents, Is.EqualTo(new[] { "robot" }));
        Assert.That(policy.AgentFiles, Is.Empty);
    }

    [Test]
    public void Every_key_is_read()
    {
        var policy = PolicyLoader.Load("""
            version: 1
            branches: [main, "hotfix/*"]
            trailer:
              key: Generated-By
              negative_values: [nope]
              require_on_every_commit: true
            known_agents: [robot]
            approved_tools: ["Cursor*", "Claude Code*"]
            template:
              ai_yes: AI was used
              ai_no: AI was not used
              required_when_ai: [I reviewed every AI line]
              required_always: [Tests pass]
            agent_files: [".bot/**"]
            review:
              required_approvals: 2
              ai_required_approvals: 3
              sensitive_paths: ["src/auth/**", "**/*.tf"]
              sensitive_required_approvals: 4
              dismiss_stale_approvals: false
              unattributed_commits: allow
            overrides:
              approvers: [alice, "@acme/release-managers"]
            """);

        Assert.Multiple(() =>
        {
            Assert.That(policy.Branches, Is.EqualTo(new[] { "main", "hotfix/*" }));
            Assert.That(policy.Trailer.Key, Is.EqualTo("Generated-By"));
            Assert.That(policy.Trailer.RequireOnEveryCommit, Is.True);
            Assert.That(policy.Trailer.NegativeValues, Is.EqualTo(new[] { "nope" }));
            Assert.That(policy.KnownAgents, Is.EqualTo(new[] { "robot" }));
            Assert.That(policy.ApprovedTools, Is.EqualTo(new[] { "Cursor*", "Claude Code*" }));
            Assert.That(policy.Template.AiYes, Is.EqualTo("AI was used"));
            Assert.That(policy.Template.AiNo, Is.EqualTo("AI was not used"));
            Assert.That(policy.Template.RequiredWhenAi, Is.EqualTo(new[] { "I reviewed every AI line" }));
            Assert.That(policy.Template.RequiredAlways, Is.EqualTo(new[] { "Tests pass" }));
            Assert.That(policy.AgentFiles, Is.EqualTo(new[] { ".bot/**" }));
            Assert.That(policy.Review.RequiredApprovals, Is.EqualTo(2));
            Assert.That(policy.Review.AiRequiredApprovals, Is.EqualTo(3));
            Assert.That(policy.Review.SensitivePaths, Is.EqualTo(new[] { "src/auth/**", "**/*.tf" }));
            Assert.That(policy.Review.SensitiveRequiredApprovals, Is.EqualTo(4));
            Assert.That(policy.Review.DismissStaleApprovals, Is.False);
            Assert.That(policy.Review.UnattributedCommits, Is.EqualTo(UnattributedCommits.Allow));
            Assert.That(policy.Overrides.Approvers, Is.EqualTo(new[] { "alice", "@acme/release-managers" }));
        });
    }

    [Test]
    public void Keys_left_out_of_a_section_keep_their_defaults()
    {
        var policy = PolicyLoader.Load("review:\n  required_approvals: 0\ntrailer:\n  # nothing set yet\n");

        Assert.That(policy.Review.RequiredApprovals, Is.EqualTo(0));
        Assert.That(policy.Review.SensitiveRequiredApprovals, Is.EqualTo(2));
        Assert.That(policy.Review.AiRequiredApprovals, Is.Null);
        Assert.That(policy.Trailer.Key, Is.EqualTo("AI-Assisted"));
        Assert.That(policy.Trailer.NegativeValues, Is.EqualTo(new[] { "no", "none", "false", "n/a" }));
    }

    [Test]
    public void Plain_scalars_that_look_like_booleans_or_numbers_are_text_in_text_lists()
    {
        var policy = PolicyLoader.Load("trailer:\n  negative_values: [no, false, 0, ~x, 'yes']\n");

        Assert.That(policy.Trailer.NegativeValues, Is.EqualTo(new[] { "no", "false", "0", "~x", "yes" }));
    }

    // Records compare lists by reference; flatten them to compare by content.
    private static string AsComparable(PolicyDocument p) => string.Join("|",
        p.Version, string.Join(",", p.Branches), p.Trailer.Key, string.Join(",", p.Trailer.NegativeValues), p.Trailer.RequireOnEveryCommit,
        string.Join(",", p.KnownAgents), string.Join(",", p.ApprovedTools), p.Template.AiYes, p.Template.AiNo,
        string.Join(",", p.Template.RequiredWhenAi), string.Join(",", p.Template.RequiredAlways), string.Join(",", p.AgentFiles),
        p.Review.RequiredApprovals, p.Review.AiRequiredApprovals, string.Join(",", p.Review.SensitivePaths),
        p.Review.SensitiveRequiredApprovals, string.Join(",", p.Review.SensitiveApprovers), p.Review.DismissStaleApprovals, p.Review.UnattributedCommits,
        string.Join(",", p.Overrides.Approvers));
}
