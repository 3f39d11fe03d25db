namespace Bot.Core.Evaluation;

/// <summary>The rule ids of policy.md §3 (and §1's <see cref="CompleteInputs"/>), in the order the decision lists them.</summary>
public static class RuleIds
{
    /// <summary>policy.md §1: every commit and every changed file was read ("Too large to judge" when not).</summary>
    public const string CompleteInputs = "complete_inputs";
    public const string Declaration = "declaration";
    public const string Trailers = "trailers";
    public const string UndeclaredAi = "undeclared_ai";
    public const string ApprovedTools = "approved_tools";
    public const string Attestations = "attestations";
    public const string AgentFiles = "agent_files";
    public const string Review = "review";

    public static IReadOnlyList<string> All { get; } =
        [CompleteInputs, Declaration, Trailers, UndeclaredAi, ApprovedTools, Attestations, AgentFiles, Review];
}
