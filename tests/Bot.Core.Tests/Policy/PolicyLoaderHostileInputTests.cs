using System.Text;
using Bot.Core.Policy;
using NUnit.Framework;

namespace Bot.Core.Tests.Policy;

public class PolicyLoaderHostileInputTests
{
    [Test]
    public void Billion_laughs_is_refused_at_the_first_alias()
    {
        var yaml = new StringBuilder("a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            yaml.Append($"{level}: &{level} [{string.Join(", ", Enumerable.Repeat($"*{previous}", 9))}]\n");
        }

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load(yaml.ToString()))!;

        Assert.That(ex.Reason, Is.EqualTo("YAML aliases (*a) are not allowed in a policy file; write the value out"));
        Assert.That((ex.Line, ex.Column), Is.EqualTo((2, 8)));
    }

    [Test]
    public void An_alias_inside_a_known_key_is_refused_too()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load("branches: &b [main]\napproved_tools: *b\n"))!;

        Assert.That((ex.Line, ex.Column, ex.Reason), Is.EqualTo((2, 17, "YAML aliases (*b) are not allowed in a policy file; write the value out")));
    }

    [Test]
    public void Ten_mebibyte_file_is_refused_before_parsing()
    {
        // Valid YAML all the way, so only the size check can refuse it.
        var yaml = "# " + new string('x', 10 * 1024 * 1024) + "\n";

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load(yaml))!;

        Assert.That((ex.Reason, ex.Line, ex.Column), Is.EqualTo(("the policy file is larger than 1 MiB", 0, 0)));
    }

    [Test]
    public void Size_limit_counts_utf8_bytes()
    {
        // 600 000 two-byte characters: under the limit in UTF-16 units, over it in bytes.
        var yaml = "# " + new string('é', 600_000) + "\n";

        Assert.That(() => PolicyLoader.Load(yaml), Throws.TypeOf<PolicyException>().With.Property(nameof(PolicyException.Reason))
            .EqualTo("the policy file is larger than 1 MiB"));
    }

    [Test]
    public void File_just_under_the_limit_is_read()
    {
        var padding = new string('x', PolicyLoader.MaxBytes - 100);

        var policy = PolicyLoader.Load($"# {padding}\nreview:\n  required_approvals: 3\n");

        Assert.That(policy.Review.RequiredApprovals, Is.EqualTo(3));
    }

    [Test]
    public void Deep_nesting_is_refused_without_exhausting_the_stack()
    {
        var yaml = "branches: " + new string('[', 500_000) + new string(']', 500_000) + "\n";

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load(yaml))!;

        Assert.That(ex.Reason, Is.EqualTo("the policy file nests deeper than 16 levels"));
        Assert.That(ex.Line, Is.EqualTo(1));
    }

    [Test]
    public void List_of_one_hundred_entries_is_read_in_full()
    {
        var yaml = "known_agents:\n" + string.Join("\n", Enumerable.Range(0, 100).Select(i => $"  - \"agent-{i}\"")) + "\n";

        var policy = PolicyLoader.Load(yaml);

        Assert.That(policy.KnownAgents, Has.Count.EqualTo(100));
        Assert.That(policy.KnownAgents[^1], Is.EqualTo("agent-99"));
    }

    [Test]
    public void Longer_list_is_refused_at_its_101st_entry()
    {
        // A megabyte of short globs would otherwise compile ~150 000 regexes on every evaluation.
        var yaml = "agent_files:\n" + string.Join("\n", Enumerable.Range(0, 150_000).Select(i => $"  - d{i}/*")) + "\n";

        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load(yaml[..Math.Min(yaml.Length, PolicyLoader.MaxBytes)]))!;

        Assert.That((ex.Line, ex.Column, ex.Reason), Is.EqualTo((102, 5, "agent_files: a list may hold at most 100 entries")));
    }

    [TestCase("approved_tools: ['a*a*a*a*a*a*a*a*a*']\n", "approved_tools[0]: a glob may be at most 256 characters with at most 8 wildcards")]
    [TestCase("review:\n  sensitive_paths: ['**/?????????']\n", "review.sensitive_paths[0]: a glob may be at most 256 characters")]
    public void Globs_with_too_many_wildcards_are_refused(string yaml, string reason)
    {
        Assert.That(() => PolicyLoader.Load(yaml), Throws.TypeOf<PolicyException>().With.Property(nameof(PolicyException.Reason)).StartsWith(reason));
    }

    [Test]
    public void Glob_longer_than_256_characters_is_refused()
    {
        var ex = Assert.Throws<PolicyException>(() => PolicyLoader.Load($"branches: ['{new string('a', 257)}']\n"))!;

        Assert.That((ex.Line, ex.Column), Is.EqualTo((1, 12)));
        Assert.That(ex.Reason, Does.StartWith("branches[0]: a glob may be at most 256 characters"));
    }

    [Test]
    public void Glob_at_the_limits_is_accepted()
    {
        var glob = "src/**/" + new string('a', 200) + "*-*-*-*-*-*.?s";

        Assert.That(PolicyLoader.Load($"agent_files: ['{glob}']\n").AgentFiles, Is.EqualTo(new[] { glob }));
    }
}
