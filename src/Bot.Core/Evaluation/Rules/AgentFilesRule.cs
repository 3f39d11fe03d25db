using Bot.Core.Model;

namespace Bot.Core.Evaluation.Rules;

/// <summary><c>agent_files</c>: the change leaves no file at an agent state path.</summary>
internal static class AgentFilesRule
{
    public static RuleResult Evaluate(EvaluationFacts facts)
    {
        var offending = facts.Input.Files
            .Where(f => LeavesFile(f.Status) && facts.AgentFiles.IsMatch(f.Filename))
            .Select(f => f.Filename)
            .ToList();
        if (offending.Count > 0)
        {
            return RuleResults.Fail(RuleIds.AgentFiles,
                $"{Wording.Count(offending.Count, "file")} at an agent state path; remove {(offending.Count == 1 ? "it" : "them")} " +
                "from the change (and add the path to .gitignore)",
                offending);
        }
        return RuleResults.Pass(RuleIds.AgentFiles, "No agent state file is added or modified");
    }

    /// <summary>Added, modified, renamed or copied to the path, or changed (mode): the file is there after the merge.
    /// Removed and unchanged files are not; an unknown status counts, so a new GitHub status cannot hide a file.</summary>
    private static bool LeavesFile(string status) =>
        !string.Equals(status, "removed", StringComparison.OrdinalIgnoreCase) &&
        !string.Equals(status, "unchanged", StringComparison.OrdinalIgnoreCase);
}
