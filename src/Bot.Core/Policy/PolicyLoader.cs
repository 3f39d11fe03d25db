using System.Text;
using System.Text.RegularExpressions;
using Bot.Core.Body;
using Bot.Core.Globbing;
using static Bot.Core.Policy.PolicyValues;

namespace Bot.Core.Policy;

/// <summary>Loads a policy YAML document (policy.md §6).</summary>
/// <remarks>
/// Every key is optional and takes the default of <see cref="PolicyDocument"/> when absent; a section key
/// (<c>trailer:</c>, <c>review:</c> ...) with nothing under it is an empty section. A scalar or list key with no
/// value is an error, since the author evidently meant to give one.
/// </remarks>
public static partial class PolicyLoader
{
    /// <summary>Larger files are refused before parsing; a real policy is a few hundred bytes.</summary>
    public const int MaxBytes = 1 << 20;

    private static readonly string[] TopKeys =
        ["version", "branches", "trailer", "known_agents", "approved_tools", "template", "agent_files", "review", "overrides"];
    private static readonly string[] TrailerKeys = ["key", "negative_values", "require_on_every_commit"];
    private static readonly string[] TemplateKeys = ["ai_yes", "ai_no", "required_when_ai", "required_always"];
    private static readonly string[] ReviewKeys =
    [
        "required_approvals", "ai_required_approvals", "sensitive_paths", "sensitive_required_approvals",
        "sensitive_approvers", "dismiss_stale_approvals", "unattributed_commits",
    ];
    private static readonly string[] OverridesKeys = ["approvers"];

    /// <summary>Throws <see cref="PolicyException"/> carrying line and column on any error.</summary>
    public static PolicyDocument Load(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        // Length counts UTF-16 units, never more than UTF-8 bytes, so a long string is refused without a full count.
        if (yaml.Length > MaxBytes || Encoding.UTF8.GetByteCount(yaml) > MaxBytes)
            throw new PolicyException($"the policy file is larger than {MaxBytes / 1024 / 1024} MiB", 0, 0);

        var root = YamlTreeReader.Read(yaml.TrimStart('\uFEFF'));
        return root is null ? PolicyDocument.Default : ReadDocument(root);
    }

    private static PolicyDocument ReadDocument(YamlNode root)
    {
        var policy = PolicyDocument.Default;
        foreach (var (key, value) in Entries(root, "", TopKeys))
        {
            policy = key.Value switch
            {
                "version" => policy with { Version = ReadVersion(value) },
                "branches" => policy with { Branches = GlobList(value, "branches", GlobMode.Path) },
                "trailer" => policy with { Trailer = ReadTrailer(value) },
                "known_agents" => policy with { KnownAgents = TextList(value, "known_agents", DefaultLists.KnownAgents) },
                "approved_tools" => policy with { ApprovedTools = GlobList(value, "approved_tools", GlobMode.Text) },
                "template" => policy with { Template = ReadTemplate(value) },
                "agent_files" => policy with { AgentFiles = GlobList(value, "agent_files", GlobMode.Path, DefaultLists.AgentFiles) },
                "review" => policy with { Review = ReadReview(value) },
                _ => policy with { Overrides = ReadOverrides(value) },
            };
        }
        return policy;
    }

    private static int ReadVersion(YamlNode node)
    {
        var version = NonNegativeInt(node, "version");
        return version == 1 ? version : throw Error(node, $"version: {version} is not supported; this bot reads version 1");
    }

    private static TrailerPolicy ReadTrailer(YamlNode node)
    {
        var trailer = new TrailerPolicy();
        foreach (var (key, value) in Entries(node, "trailer", TrailerKeys))
        {
            trailer = key.Value switch
            {
                "key" => trailer with { Key = ReadTrailerKey(value) },
                "negative_values" => trailer with { NegativeValues = TextList(value, "trailer.negative_values") },
                _ => trailer with { RequireOnEveryCommit = Bool(value, "trailer.require_on_every_commit") },
            };
        }
        return trailer;
    }

    private static string ReadTrailerKey(YamlNode node)
    {
        var key = Text(node, "trailer.key");
        return TrailerKeyPattern().IsMatch(key) ? key
            : throw Error(node, $"trailer.key: '{key}' is not a git trailer key (ASCII letters, digits and '-' only)");
    }

    private static TemplatePolicy ReadTemplate(YamlNode node)
    {
        var template = new TemplatePolicy();
        foreach (var (key, value) in Entries(node, "template", TemplateKeys))
        {
            template = key.Value switch
            {
                "ai_yes" => template with { AiYes = Text(value, "template.ai_yes") },
                "ai_no" => template with { AiNo = Text(value, "template.ai_no") },
                "required_when_ai" => template with { RequiredWhenAi = TextList(value, "template.required_when_ai") },
                _ => template with { RequiredAlways = TextList(value, "template.required_always") },
            };
        }
        // Labels match by prefix, so if one box text starts with the other, ticking one box would tick both.
        if (TaskListParser.LabelMatches(template.AiYes, template.AiNo) || TaskListParser.LabelMatches(template.AiNo, template.AiYes))
            throw Error(node, "template: ai_yes and ai_no must not start with the same text, or one ticked box would count as both");
        return template;
    }

    private static ReviewPolicy ReadReview(YamlNode node)
    {
        var review = new ReviewPolicy();
        foreach (var (key, value) in Entries(node, "review", ReviewKeys))
        {
            var path = "review." + key.Value;
            review = key.Value switch
            {
                "required_approvals" => review with { RequiredApprovals = NonNegativeInt(value, path) },
                "ai_required_approvals" => review with { AiRequiredApprovals = NonNegativeInt(value, path) },
                "sensitive_paths" => review with { SensitivePaths = GlobList(value, path, GlobMode.Path) },
                "sensitive_required_approvals" => review with { SensitiveRequiredApprovals = NonNegativeInt(value, path) },
                "sensitive_approvers" => review with { SensitiveApprovers = ApproverList(value, path) },
                "dismiss_stale_approvals" => review with { DismissStaleApprovals = Bool(value, path) },
                _ => review with
                {
                    UnattributedCommits = Choice(value, path, "fail", "allow") == "fail" ? UnattributedCommits.Fail : UnattributedCommits.Allow,
                },
            };
        }
        return review;
    }

    private static OverridesPolicy ReadOverrides(YamlNode node)
    {
        var overrides = new OverridesPolicy();
        foreach (var (_, value) in Entries(node, "overrides", OverridesKeys))
            overrides = overrides with { Approvers = ApproverList(value, "overrides.approvers") };
        return overrides;
    }

    /// <summary>A list of GitHub logins and org teams written <c>@org/team</c>; any other entry is an error at its line.</summary>
    private static IReadOnlyList<string> ApproverList(YamlNode node, string path)
    {
        var approvers = TextList(node, path);
        var sequence = (YamlSequence)node;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var text = ((YamlScalar)sequence.Items[i]).Value;
            if (!ApproverPattern().IsMatch(text))
                throw Error(sequence.Items[i], $"{path}[{i}]: '{text}' is neither a GitHub login nor a team written @org/team");
        }
        return approvers;
    }

    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex TrailerKeyPattern();

    // A login (letters, digits, single inner hyphens, at most 39) or an org team slug.
    [GeneratedRegex("^(?:[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}|@[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9_.-]+)$")]
    private static partial Regex ApproverPattern();
}

/// <summary>A policy file that cannot be used. <see cref="Line"/>/<see cref="Column"/> are 1-based; 0 when unknown.</summary>
public sealed class PolicyException(string reason, int line, int column)
    : Exception(line > 0 ? $"line {line}, column {column}: {reason}" : reason)
{
    public string Reason { get; } = reason;
    public int Line { get; } = line;
    public int Column { get; } = column;
}
