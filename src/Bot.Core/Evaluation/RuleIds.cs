namespace Bot.Core.Evaluation;

/// <summary>The rule ids of policy.md §3, in the order the decision lists them.</summary>
public static class RuleIds
{
    public const string Declaration = "declaration";
    public const string Trailers = "trailers";
    public const string UndeclaredAi = "undeclared_ai";
    public const string ApprovedTools = "approved_tools";
    public const string Attestations = "attestations";
    public const string AgentFiles = "agent_files";
    public const string Review = "review";

    public static IReadOnlyList<string> All { get; } =
        [Declaration, Trailers, UndeclaredAi, ApprovedTools, Attestations, AgentFiles, Review];
}
