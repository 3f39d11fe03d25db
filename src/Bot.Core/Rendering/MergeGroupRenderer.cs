using Bot.Core.MergeQueue;
using Bot.Core.Model;

namespace Bot.Core.Rendering;

/// <summary>Renders a <see cref="MergeGroupDecision"/> as the check run on the merge group's head commit: what is not
/// covered first, then every pull request of the group with the decision it was judged by, then every commit with what it
/// was found to be. Text from commits is escaped with <see cref="MarkdownText"/>.</summary>
public static class MergeGroupRenderer
{
    private const int MaxLine = 500;
    private const int MaxSubject = 150;
    private const int MaxItems = 200;

    public static CheckRunText Render(MergeGroupDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var md = new BudgetedMarkdown(CheckRunRenderer.MaxSummaryLength);
        if (decision.Conclusion == Conclusion.NotInScope)
        {
            md.TryAppendLine("The merge group's base branch is not covered by the policy's `branches`, so no rule applies.");
            return new CheckRunText(decision.Title, md.ToString());
        }

        md.TryAppendLine("The merge queue lands these pull requests together. Each needs a `success` decision (an approved " +
                         "exception included) on its own head commit, and every commit of the group must be one of their " +
                         "commits or one GitHub made when it merged them.");
        if (decision.Findings.Count > 0)
        {
            md.AppendFixedLine();
            md.AppendFixedLine($"### Not covered ({decision.Findings.Count})");
            md.AppendList(decision.Findings, f => "❌ " + MarkdownText.EscapeTruncated(f, MaxLine), "findings", MaxItems);
        }

        md.AppendFixedLine();
        md.AppendFixedLine($"### Pull requests ({decision.PullRequests.Count})");
        md.AppendList(decision.PullRequests, RenderPullRequest, "pull requests", MaxItems);

        md.AppendFixedLine();
        md.AppendFixedLine($"### Commits ({decision.Commits.Count})");
        md.AppendList(decision.Commits, RenderCommit, "commits", int.MaxValue);
        return new CheckRunText(decision.Title, md.ToString());
    }

    private static string RenderPullRequest(QueuedPullRequestVerdict p)
    {
        var evidence = p.DecisionSeq is { } seq ? $" (evidence seq {seq})" : "";
        return $"{(p.Covered ? "✅" : "❌")} #{p.Number} at {ShortSha(p.HeadSha)}, {MarkdownText.Escape(p.FoundBy)}: " +
               $"{MarkdownText.EscapeTruncated(p.Note, MaxLine)}{evidence}";
    }

    private static string RenderCommit(GroupCommit c) =>
        $"{(c.Covered ? "✅" : "❌")} {ShortSha(c.Sha)} {MarkdownText.EscapeTruncated(c.Subject, MaxSubject)} — " +
        MarkdownText.EscapeTruncated(c.Placement, MaxLine);

    private static string ShortSha(string sha) => MarkdownText.Escape(sha.Length > 7 ? sha[..7] : sha);
}
