namespace Bot.Core.Policy;

/// <summary>The parsed <c>.github/ai-compliance.yml</c> (policy.md §6) with every default filled in and
/// the <c>default</c> placeholders of <c>known_agents</c> and <c>agent_files</c> expanded.</summary>
public sealed record PolicyDocument
{
    public int Version { get; init; } = 1;

    /// <summary>Globs over the base branch name; <c>{default}</c> stands for the repository's default branch.</summary>
    public IReadOnlyList<string> Branches { get; init; } = ["{default}", "release/**"];

    public TrailerPolicy Trailer { get; init; } = new();

    /// <summary>Case-insensitive substrings matched against a Co-authored-by name or email.</summary>
    public IReadOnlyList<string> KnownAgents { get; init; } = DefaultLists.KnownAgents;

    /// <summary>Globs over the whole trailer value; empty means any tool.</summary>
    public IReadOnlyList<string> ApprovedTools { get; init; } = [];

    public TemplatePolicy Template { get; init; } = new();

    /// <summary>Globs over changed file paths.</summary>
    public IReadOnlyList<string> AgentFiles { get; init; } = DefaultLists.AgentFiles;

    public ReviewPolicy Review { get; init; } = new();

    public OverridesPolicy Overrides { get; init; } = new();

    public static PolicyDocument Default { get; } = new();
}

public sealed record TrailerPolicy
{
    public string Key { get; init; } = "AI-Assisted";
    public IReadOnlyList<string> NegativeValues { get; init; } = ["no", "none", "false", "n/a"];
    public bool RequireOnEveryCommit { get; init; }
}

public sealed record TemplatePolicy
{
    public string AiYes { get; init; } = "This change includes AI-assisted code";
    public string AiNo { get; init; } = "This change does not include AI-assisted code";
    public IReadOnlyList<string> RequiredWhenAi { get; init; } = ["No secrets, credentials or customer data were entered into AI tools"];
    public IReadOnlyList<string> RequiredAlways { get; init; } = [];
}

public enum UnattributedCommits { Fail, Allow }

public sealed record ReviewPolicy
{
    public int RequiredApprovals { get; init; } = 1;

    /// <summary>Null means "same as <see cref="RequiredApprovals"/>".</summary>
    public int? AiRequiredApprovals { get; init; }

    public IReadOnlyList<string> SensitivePaths { get; init; } = [];
    public int SensitiveRequiredApprovals { get; init; } = 2;

    /// <summary>Logins, or org teams written <c>@org/team</c>: when a sensitive path is touched and this is not empty, one
    /// qualifying approval must come from one of them. Empty: any qualifying reviewer.</summary>
    public IReadOnlyList<string> SensitiveApprovers { get; init; } = [];
    public bool DismissStaleApprovals { get; init; } = true;
    public UnattributedCommits UnattributedCommits { get; init; } = UnattributedCommits.Fail;
}

public sealed record OverridesPolicy
{
    /// <summary>Logins, or org teams written <c>@org/team</c>. Empty: overrides are off.</summary>
    public IReadOnlyList<string> Approvers { get; init; } = [];
}

/// <summary>What <c>[default]</c> expands to in <c>known_agents</c> and <c>agent_files</c>.</summary>
public static class DefaultLists
{
    public static IReadOnlyList<string> KnownAgents { get; } =
    [
        "claude", "anthropic.com", "copilot", "aider", "cursor", "openai", "codex",
        "gemini", "google-labs-jules", "jules", "devin", "amazon q", "amazon-q", "windsurf", "codeium",
    ];

    public static IReadOnlyList<string> AgentFiles { get; } =
    [
        ".claude/**", ".cursor/**", ".aider*", ".codex/**", ".windsurf/**", ".continue/**", ".gemini/**",
        "**/CLAUDE.local.md", "CLAUDE.local.md",
    ];
}
