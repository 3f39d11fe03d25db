using Bot.Core.Evaluation;
using Bot.Core.Model;
using Bot.Core.Policy;

namespace Bot.Core.Tests.Evaluation;

/// <summary>Builds evaluator inputs. The default is a compliant change that is not AI-assisted, opened by
/// <see cref="Alice"/> into <c>main</c> with one commit of hers, the "no" box ticked and no reviews yet.</summary>
internal sealed class PullRequestBuilder
{
    public static readonly GitHubUser Alice = new(1001, "alice");
    public static readonly GitHubUser Bob = new(1002, "bob");
    public static readonly GitHubUser Carol = new(1003, "carol");
    public static readonly GitHubUser Dave = new(1004, "dave");
    public static readonly GitHubUser WebFlow = new(19864447, "web-flow");
    public static readonly GitHubUser CopilotBot = new(198982749, "Copilot", "Bot");
    public static readonly GitHubUser RenovateBot = new(2740, "renovate[bot]");

    public const string YesBox = "This change includes AI-assisted code";
    public const string NoBox = "This change does not include AI-assisted code";
    public const string DataBox = "No secrets, credentials or customer data were entered into AI tools for this change";

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<CommitInfo> _commits = [];
    private readonly List<(GitHubUser? User, string State, string? CommitId, DateTimeOffset? At)> _reviews = [];
    private readonly List<ChangedFile> _files = [new("src/Parser.cs", "modified")];
    private GitHubUser _author = Alice;
    private string? _body = Description(no: true);
    private string _baseRef = "main";
    private string _defaultBranch = "main";
    private PolicyDocument _policy = PolicyDocument.Default;
    private (int? Commits, int? Files) _counts;

    /// <summary>The SHA the builder gives the commit at <paramref name="index"/>: short SHAs stay distinct.</summary>
    public static string ShaOf(int index) => $"{index + 1:x7}{new string('c', 33)}";

    /// <summary>A description with the default template, boxes ticked as asked.</summary>
    public static string Description(bool yes = false, bool no = false, bool data = false) =>
        $"Fixes the parser.\n\n## AI assistance\n- [{X(yes)}] {YesBox}\n- [{X(no)}] {NoBox}\n- [{X(data)}] {DataBox}\n";

    /// <summary>The head SHA of what <see cref="Build"/> returns.</summary>
    public string HeadSha => _commits.Count > 0 ? _commits[^1].Sha : ShaOf(0);

    public PullRequestBuilder WithAuthor(GitHubUser author) { _author = author; return this; }

    public PullRequestBuilder WithBody(string? body) { _body = body; return this; }

    public PullRequestBuilder WithBase(string baseRef, string defaultBranch = "main")
    {
        _baseRef = baseRef;
        _defaultBranch = defaultBranch;
        return this;
    }

    public PullRequestBuilder WithPolicy(Func<PolicyDocument, PolicyDocument> change) { _policy = change(_policy); return this; }

    public PullRequestBuilder WithReviewPolicy(Func<ReviewPolicy, ReviewPolicy> change) =>
        WithPolicy(p => p with { Review = change(p.Review) });

    /// <summary>Adds a commit (the default one is used only when none is added). The committer defaults to the author (as after a
    /// local <c>git commit</c>); pass <paramref name="unlinkedCommitter"/> for a committer GitHub cannot link.</summary>
    public PullRequestBuilder WithCommit(string message, GitHubUser? author = null, GitHubUser? committer = null,
        int parents = 1, bool unlinkedAuthor = false, bool unlinkedCommitter = false)
    {
        var authorUser = unlinkedAuthor ? null : author ?? Alice;
        var committerUser = unlinkedCommitter ? null : committer ?? authorUser ?? Alice;
        _commits.Add(new CommitInfo(
            ShaOf(_commits.Count), message,
            new GitIdentity(authorUser?.Login ?? "Unlinked Person", $"{authorUser?.Login ?? "unlinked"}@example.com"),
            new GitIdentity(committerUser?.Login ?? "Unlinked Person", $"{committerUser?.Login ?? "unlinked"}@example.com"),
            authorUser, committerUser, parents));
        return this;
    }

    /// <summary>A review of the head commit unless <paramref name="commitId"/> names another; reviews are
    /// submitted a minute apart in the order added unless <paramref name="at"/> says otherwise.</summary>
    public PullRequestBuilder WithReview(GitHubUser? user, string state, string? commitId = null, DateTimeOffset? at = null)
    {
        _reviews.Add((user, state, commitId, at ?? Start.AddMinutes(_reviews.Count)));
        return this;
    }

    public PullRequestBuilder Approved(GitHubUser user) => WithReview(user, "APPROVED");

    /// <summary>Replaces the default changed file on first use.</summary>
    public PullRequestBuilder WithFile(string filename, string status = "modified", string? previousFilename = null)
    {
        if (_files is [{ Filename: "src/Parser.cs" }])
            _files.Clear();
        _files.Add(new ChangedFile(filename, status, previousFilename));
        return this;
    }

    /// <summary>The pull request's own counts (GitHub's <c>commits</c>, <c>changed_files</c>); by default none are given.</summary>
    public PullRequestBuilder WithCounts(int? commits, int? changedFiles) { _counts = (commits, changedFiles); return this; }

    public EvaluationInput Build()
    {
        if (_commits.Count == 0)
            WithCommit("Fix the parser\n\nAI-Assisted: no");
        var head = HeadSha;
        var reviews = _reviews
            .Select((r, i) => new ReviewInfo(5000 + i, r.User, r.State, r.CommitId ?? head, r.At))
            .ToList();
        var pullRequest = new PullRequestInfo(42, "Fix the parser", _author, _body, false, _baseRef, head,
            CommitCount: _counts.Commits, ChangedFileCount: _counts.Files);
        return new EvaluationInput(pullRequest, [.. _commits], reviews, [.. _files], _policy, _defaultBranch);
    }

    /// <param name="server">The GitHub server's facts (its <c>web-flow</c> id); github.com's when not given.</param>
    public Decision Evaluate(ServerFacts? server = null) => Evaluator.Evaluate(Build(), server);

    private static char X(bool ticked) => ticked ? 'x' : ' ';
}

/// <summary>Finding things in a decision.</summary>
internal static class DecisionExtensions
{
    public static RuleResult Rule(this Decision decision, string id) => decision.Rules.Single(r => r.Id == id);

    public static ApprovalAssessment ApprovalBy(this Decision decision, GitHubUser user) =>
        decision.Approvals.Single(a => a.UserId == user.Id);
}
