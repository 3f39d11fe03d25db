using System.Globalization;
using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>complete_inputs</c> (policy.md §1, "complete inputs or no verdict"): the commits and changed files that were
/// read are as many as the pull request says it has. GitHub's lists stop short (250 commits, 3,000 files); the host reads
/// what it can and passes GitHub's counts along, and whatever is still missing fails this rule, so no decision vouches for
/// a prefix. An override is the way through: it covers this rule like any other.</summary>
internal static class CompleteInputsRule
{
    public const string TooLargeTitle = "Too large to judge";

    public static RuleResult Evaluate(EvaluationFacts facts)
    {
        var pullRequest = facts.Input.PullRequest;
        var commitsRead = facts.Input.Commits.Count;
        var filesRead = facts.Input.Files.Count;
        var unread = new List<string>(2);
        if (pullRequest.CommitCount is { } commits && commitsRead < commits)
            unread.Add($"GitHub lists only {Number(commitsRead)} of {Number(commits)} commits");
        if (pullRequest.ChangedFileCount is { } files && filesRead < files)
            unread.Add($"GitHub lists only the first {Number(filesRead)} of {Number(files)} changed files");
        if (unread.Count > 0)
        {
            return RuleResults.Fail(RuleIds.CompleteInputs,
                $"{TooLargeTitle}: {RuleResults.JoinProblems(unread)}, so the rules could not see the whole change. " +
                "Split the pull request, or have an approver record an exception with /ai-compliance override <reason>",
                unread);
        }
        return RuleResults.Pass(RuleIds.CompleteInputs,
            $"Every commit ({Number(commitsRead)}) and changed file ({Number(filesRead)}) was read");
    }

    private static string Number(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
