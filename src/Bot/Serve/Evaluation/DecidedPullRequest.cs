using Bot.Core.Model;

namespace Bot.Serve.Evaluation;

/// <summary>A pull request already read from GitHub and decided for a delivery (with no override applied, nothing posted or
/// recorded): the evaluation for that delivery posts and records it instead of reading and deciding it again.</summary>
public sealed record DecidedPullRequest(EvaluationContext Context, Decision Decision);
