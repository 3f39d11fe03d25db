using Bot.Core.Model;
using Bot.Core.Policy;

namespace Bot.Benchmarks.Core;

/// <summary>A realistic big pull request: 250 commits (a few merges, AI co-authors and human
/// suggestions), 300 changed files (some sensitive, none at agent paths) and 20 reviews.</summary>
internal static class LargePullRequest
{
    public const string TypicalMessage =
        "Cache parsed policies per repository\n\n" +
        "The policy loader was called for every webhook delivery, re-reading and re-parsing the YAML.\n" +
        "Keep the parsed document keyed by blob SHA so a policy change still takes effect at once.\n\n" +
        "Refs: #123\n" +
        "AI-Assisted: Cursor 0.45 / claude-3.7-sonnet\n" +
        "Co-authored-by: Claude <noreply@anthropic.com>\n" +
        "Signed-off-by: Alice Example <alice@example.com>\n";

    public static EvaluationInput Build()
    {
        var alice = new GitHubUser(1001, "alice");
        var bob = new GitHubUser(1002, "bob");
        var webFlow = new GitHubUser(19864447, "web-flow");
        var commits = new List<CommitInfo>(250);
        for (var i = 0; i < 250; i++)
        {
            var merge = i % 50 == 49;
            var message = merge ? $"Merge branch 'main' into feature\n\nConflicts resolved in step {i}."
                : i % 3 == 0 ? TypicalMessage
                : $"Step {i}: adjust the evaluator\n\nLonger explanation of step {i} that wraps over\nseveral lines of text.\n\n" +
                  "Co-authored-by: Bob Reviewer <bob@example.com>\nAI-Assisted: no\n";
            commits.Add(new CommitInfo(
                $"{i + 1:x7}{new string('a', 33)}", message,
                new GitIdentity("Alice Example", "alice@example.com"), new GitIdentity("GitHub", "noreply@github.com"),
                alice, merge ? webFlow : alice, merge ? 2 : 1));
        }
        var head = commits[^1].Sha;

        var files = Enumerable.Range(0, 300)
            .Select(i => new ChangedFile(i % 30 == 0 ? $"src/Auth/Handler{i}.cs" : $"src/Feature/Sub{i % 7}/File{i}.cs",
                i % 10 == 0 ? "added" : "modified"))
            .ToList();

        var start = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var reviews = Enumerable.Range(0, 20)
            .Select(i => new ReviewInfo(9000 + i, i % 5 == 0 ? bob : new GitHubUser(2000 + i, $"reviewer{i}"),
                (i % 4) switch { 0 => "APPROVED", 1 => "COMMENTED", 2 => "CHANGES_REQUESTED", _ => "APPROVED" },
                i % 6 == 0 ? commits[100].Sha : head, start.AddMinutes(i)))
            .ToList();

        var pullRequest = new PullRequestInfo(7, "Cache policies", alice,
            "Caches policies.\n\n## AI assistance\n- [x] This change includes AI-assisted code\n" +
            "- [ ] This change does not include AI-assisted code\n" +
            "- [x] No secrets, credentials or customer data were entered into AI tools for this change\n",
            false, "main", head);
        var policy = PolicyDocument.Default with
        {
            ApprovedTools = ["Cursor*", "Claude Code*"],
            Review = new ReviewPolicy { SensitivePaths = ["src/Auth/**"] },
        };
        return new EvaluationInput(pullRequest, commits, reviews, files, policy, "main");
    }
}
