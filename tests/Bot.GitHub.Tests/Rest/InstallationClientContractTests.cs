using Bot.Core.Model;
using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

/// <summary>What an <see cref="IGitHubInstallationClient"/> must do, against the fake GitHub on Kestrel: every method of the
/// interface, GitHub's paging (100 a page, Link rel="next"), its list caps, ETags and 304s, a 401 that needs a new token,
/// 404s, a spent rate limit, and a GitHub Enterprise Server base URL with its /api/v3 prefix. The client on Octokit passed
/// the same tests before it was measured and removed (docs/decisions.md).</summary>
public class InstallationClientContractTests
{
    private const string PullRoute = "GET /repos/{owner}/{repo}/pulls/{number}";
    private static readonly FakeUser Alice = new(101, "alice");
    private static readonly FakeUser Bob = new(102, "bob");
    private static readonly FakeUser Carol = new(103, "carol");

    private GitHubTestContext _context = null!;

    private FakeGitHubServer Fake => _context.Fake;

    private IGitHubInstallationClient Client => _context.Client;

    [TearDown]
    public async Task TearDown() => await _context.DisposeAsync();

    private async Task StartAsync(string pathPrefix = "", TimeProvider? clock = null)
    {
        _context = await GitHubTestContext.StartAsync(pathPrefix, clock: clock);
        Fake.AddRepository("octo/app", defaultBranch: "trunk");
    }

    private FakePullRequest PullRequest(int commits = 0, int files = 0, int number = 1)
    {
        var pr = Fake.AddPullRequest("octo/app", number, Alice, headSha: commits > 0 ? $"sha{commits - 1}" : "head", body: "- [x] yes", title: "Add feature", draft: true);
        for (var i = 0; i < commits; i++)
            Fake.AddCommit(pr, $"sha{i}", $"Commit {i}\n\nAI-Assisted: no", Alice);
        for (var i = 0; i < files; i++)
            Fake.AddFile(pr, $"src/f{i}.cs");
        return pr;
    }

    private int Calls(string route) => Fake.Calls.For("GET /repos/{owner}/{repo}" + route);

    [Test]
    public async Task A_pull_request_is_read_with_its_counts_base_and_merge()
    {
        await StartAsync();
        PullRequest(commits: 2, files: 3);

        var pr = await Client.GetPullRequestAsync("octo", "app", 1);
        var merge = await Client.GetPullRequestMergeAsync("octo", "app", 1);

        Assert.That(pr, Is.EqualTo(new PullRequestInfo(1, "Add feature", new GitHubUser(101, "alice"), "- [x] yes", true, "trunk", "sha1",
            "open", false, "trunk", "b".PadRight(40, '0'), 2, 3)));
        Assert.That(merge, Is.EqualTo(new PullRequestMerge(1, "Add feature", new GitHubUser(101, "alice"), "trunk", "sha1", false, null, null, null)));
    }

    [Test]
    public async Task A_merged_pull_request_reports_its_merge_commit_time_and_merger()
    {
        await StartAsync();
        Fake.AddBranchCommit("octo/app", "trunk", "root", "Initial\n", Alice);
        var pr = Fake.AddPullRequest("octo/app", 4, Alice, "h1", title: "Parse");
        Fake.AddPullRequestCommit(pr, "h1", "Parse\n", Alice);
        var mergedAt = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var landing = Fake.Merge(pr, FakeMergeMethod.Merge, Carol, mergedAt);

        var merge = await Client.GetPullRequestMergeAsync("octo", "app", 4);
        var commit = await Client.GetCommitAsync("octo", "app", landing.After);

        Assert.That(merge, Is.EqualTo(new PullRequestMerge(4, "Parse", new GitHubUser(101, "alice"), "trunk", "h1", true, mergedAt, new GitHubUser(103, "carol"), landing.After)));
        Assert.That(commit.Parents, Is.EqualTo(new[] { "root", "h1" }), "first parent first");
        Assert.That(commit.Commit.IsMerge, Is.True);
        Assert.That(commit.Commit.CommitterUser?.Id, Is.EqualTo(FakeGitHubServer.WebFlow.Id));
    }

    [Test]
    public async Task Commits_are_read_100_a_page_and_stop_at_githubs_250()
    {
        await StartAsync();
        PullRequest(commits: 300);

        var commits = await Client.ListPullRequestCommitsAsync("octo", "app", 1);

        Assert.That(commits.Select(c => c.Sha), Is.EqualTo(Enumerable.Range(0, 250).Select(i => $"sha{i}")));
        Assert.That(commits[1].ParentShas, Is.EqualTo(new[] { "sha0" }));
        Assert.That(commits[1].Message, Is.EqualTo("Commit 1\n\nAI-Assisted: no"));
        Assert.That(Calls("/pulls/{number}/commits"), Is.EqualTo(3));
        Assert.That(Fake.Calls.Requests.First(r => r.Route.EndsWith("/commits", StringComparison.Ordinal)).Query, Does.Contain("per_page=100"));
    }

    [Test]
    public async Task Commit_users_are_null_when_github_links_no_account()
    {
        await StartAsync();
        var pr = Fake.AddPullRequest("octo/app", 1, Alice, headSha: "c3");
        Fake.AddCommit(pr, "c1", "Linked", Alice, committer: FakeUser.Bot(900, "helper[bot]"));
        Fake.AddCommit(pr, "c2", "Unlinked author", author: null, authorName: "Ghost Writer", authorEmail: "ghost@example.com");
        Fake.AddCommit(pr, "c3", "Merge main", Alice, committer: FakeUser.Unlinked, parentCount: 2);

        var commits = await Client.ListPullRequestCommitsAsync("octo", "app", 1);

        Assert.That(commits[0].AuthorUser, Is.EqualTo(new GitHubUser(101, "alice")));
        Assert.That(commits[0].CommitterUser, Is.EqualTo(new GitHubUser(900, "helper[bot]", "Bot")));
        Assert.That((commits[1].AuthorUser, commits[1].CommitterUser), Is.EqualTo(((GitHubUser?)null, (GitHubUser?)null)));
        Assert.That(commits[1].Author, Is.EqualTo(new GitIdentity("Ghost Writer", "ghost@example.com")));
        Assert.That((commits[2].IsMerge, commits[2].CommitterUser), Is.EqualTo((true, (GitHubUser?)null)));
    }

    [Test]
    public async Task Reviews_keep_their_state_commit_and_time_and_a_pending_one_has_no_time()
    {
        await StartAsync();
        var pr = PullRequest();
        Fake.AddReview(pr, Bob, "APPROVED");
        Fake.AddReview(pr, FakeUser.Bot(900, "helper[bot]"), "COMMENTED", commitId: "old");
        Fake.AddReview(pr, null, "DISMISSED");
        Fake.AddReview(pr, Carol, "PENDING");

        var reviews = await Client.ListPullRequestReviewsAsync("octo", "app", 1);

        Assert.That(reviews.Select(r => (r.User, r.State, r.CommitId)), Is.EqualTo(new[]
        {
            (new GitHubUser(102, "bob"), "APPROVED", "head"),
            (new GitHubUser(900, "helper[bot]", "Bot"), "COMMENTED", "old"),
            ((GitHubUser?)null, "DISMISSED", "head"),
            (new GitHubUser(103, "carol"), "PENDING", "head"),
        }));
        Assert.That(reviews[0].SubmittedAt, Is.EqualTo(new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(reviews[3].SubmittedAt, Is.Null);
    }

    [Test]
    public async Task Files_keep_renames_and_stop_at_githubs_3000()
    {
        await StartAsync();
        var pr = PullRequest(files: 3199);
        Fake.AddFile(pr, "src/b.cs", "renamed", previousFilename: "src/old.cs");
        var few = Fake.AddPullRequest("octo/app", 2, Alice, "h2");
        Fake.AddFile(few, "src/b.cs", "renamed", previousFilename: "src/old.cs");

        var files = await Client.ListPullRequestFilesAsync("octo", "app", 1);
        var renamed = await Client.ListPullRequestFilesAsync("octo", "app", 2);

        Assert.That(files, Has.Count.EqualTo(3000));
        Assert.That(Calls("/pulls/{number}/files"), Is.EqualTo(30 + 1));
        Assert.That(renamed, Is.EqualTo(new[] { new ChangedFile("src/b.cs", "renamed", "src/old.cs") }));
    }

    [Test]
    public async Task A_file_is_decoded_at_a_ref_or_the_default_branch_and_a_missing_one_is_null()
    {
        await StartAsync();
        var text = "version: 1\n# Ünïcode — long enough to wrap the base64 over several 60-character lines\n" + new string('x', 300) + "\n";
        Fake.SetContent("octo/app", ".github/ai-compliance.yml", "release/1.0", text);
        Fake.SetContent("octo/app", ".github/ai-compliance.yml", null, "\uFEFFdefault");

        var atRef = await Client.GetFileAsync("octo", "app", ".github/ai-compliance.yml", "release/1.0");
        var byDefault = await Client.GetFileAsync("octo", "app", ".github/ai-compliance.yml", null);
        var missing = await Client.GetFileAsync("octo", "app", ".github/ai-compliance.yml", "other");

        Assert.That((atRef!.Path, atRef.Text, atRef.Sha.Length), Is.EqualTo((".github/ai-compliance.yml", text, 40)));
        Assert.That(byDefault!.Text, Is.EqualTo("default"), "the BOM is dropped");
        Assert.That(missing, Is.Null);
        Assert.That(Fake.Calls.Requests.Where(r => r.Route.Contains("/contents/", StringComparison.Ordinal)).Select(r => r.Path),
            Is.All.EqualTo("/repos/octo/app/contents/.github/ai-compliance.yml"));
    }

    [Test]
    public async Task A_directory_is_not_a_file()
    {
        await StartAsync();
        Fake.SetContent("octo/app", ".github/a.yml", null, "x");

        var error = Assert.ThrowsAsync<GitHubApiException>(() => Client.GetFileAsync("octo", "app", ".github", null));

        Assert.That(error!.Message, Does.Contain("is a directory"));
    }

    [Test]
    public async Task A_repository_of_another_installation_is_a_404_and_its_own_installation_reads_it()
    {
        await StartAsync();
        Fake.AddRepository("other/secret", installationId: 2, isPrivate: true);

        var error = Assert.ThrowsAsync<GitHubApiException>(() => Client.GetRepositoryAsync("other", "secret"));
        var own = await _context.App.ForInstallation(2).GetRepositoryAsync("other", "secret");
        var mine = await Client.GetRepositoryAsync("octo", "app");

        Assert.That(error!.StatusCode, Is.EqualTo(404));
        Assert.That((own.Owner, own.Name, own.FullName, own.DefaultBranch, own.Private), Is.EqualTo(("other", "secret", "other/secret", "main", true)));
        Assert.That((mine.FullName, mine.DefaultBranch, mine.Private), Is.EqualTo(("octo/app", "trunk", false)));
    }

    [Test]
    public async Task A_missing_pull_request_is_a_404_naming_the_call_without_the_token_and_is_not_retried()
    {
        await StartAsync();

        var error = Assert.ThrowsAsync<GitHubApiException>(() => Client.GetPullRequestAsync("octo", "app", 99));

        Assert.That((error!.StatusCode, error.Method, error.Path), Is.EqualTo(((int?)404, "GET", "/repos/octo/app/pulls/99")));
        Assert.That(error.Message, Does.Not.Contain("ghs_"));
        Assert.That(Fake.Calls.For(PullRoute), Is.EqualTo(1));
    }

    [Test]
    public async Task A_check_run_is_created_updated_and_listed_by_name_and_app()
    {
        await StartAsync();
        var started = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

        var created = await Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest
        {
            Name = "AI change control", HeadSha = "abc", Status = "in_progress", ExternalId = "eval-1", StartedAt = started,
            DetailsUrl = "https://example.test/e/1", Output = new CheckRunOutput("Waiting for 1 approval", "summary"),
        });
        var updated = await Client.UpdateCheckRunAsync("octo", "app", created.Id, new CheckRunRequest
        {
            Status = "completed", Conclusion = "failure", Output = new CheckRunOutput("Missing declaration", "details", "more"),
        });
        await Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest { Name = "other check", HeadSha = "abc" });

        var stored = Fake.CheckRuns("octo/app")[0];
        Assert.That(DateTimeOffset.Parse(stored.StartedAt!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(started));
        Assert.That((stored.ExternalId, stored.DetailsUrl, stored.Conclusion, stored.Title, stored.Summary, stored.Text, stored.UpdateCount),
            Is.EqualTo(("eval-1", "https://example.test/e/1", "failure", "Missing declaration", "details", "more", 1)));
        Assert.That((created.Name, created.HeadSha, created.Status, created.ExternalId, created.Title),
            Is.EqualTo(("AI change control", "abc", "in_progress", "eval-1", "Waiting for 1 approval")));
        Assert.That((updated.Status, updated.Conclusion, updated.AppId, updated.Summary, updated.CompletedAt is not null),
            Is.EqualTo(("completed", "failure", 12345L, "details", true)));
        Assert.That(updated.HtmlUrl, Does.EndWith($"/octo/app/runs/{created.Id}"));

        var listed = await Client.ListCheckRunsAsync("octo", "app", "abc", "AI change control", appId: 12345);
        Assert.That(listed.Select(r => r.Id), Is.EqualTo(new[] { created.Id }));
        Assert.That(await Client.ListCheckRunsAsync("octo", "app", "abc", "AI change control", appId: 999), Is.Empty);
        Assert.That(await Client.ListCheckRunsAsync("octo", "app", "abc", "other check", appId: null), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_check_run_github_would_refuse_is_refused_before_calling_it()
    {
        await StartAsync();

        Assert.ThrowsAsync<ArgumentException>(() => Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest { Name = "x", HeadSha = "abc", Status = "completed" }));
        Assert.ThrowsAsync<ArgumentException>(() => Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest { Name = "x" }));
        Assert.ThrowsAsync<ArgumentException>(() => Client.UpdateCheckRunAsync("octo", "app", 1, new CheckRunRequest
        {
            Output = new CheckRunOutput("t", new string('s', 65_536)),
        }));
        Assert.That(Fake.Calls.Requests.Where(r => r.Route.Contains("check-runs", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_commit_status_is_posted_with_its_description_cut_to_140_characters()
    {
        await StartAsync();

        var status = await Client.CreateCommitStatusAsync("octo", "app", "abc",
            new CommitStatusRequest("failure", "ai-compliance", new string('d', 200), "https://example.test/e/1"));

        var stored = Fake.Statuses("octo/app").Single();
        Assert.That((stored.Sha, stored.State, stored.Context, stored.TargetUrl), Is.EqualTo(("abc", "failure", "ai-compliance", "https://example.test/e/1")));
        Assert.That(stored.Description, Is.EqualTo(new string('d', 139) + "…"));
        Assert.That((status.Id, status.State, status.Context, status.Description), Is.EqualTo((stored.Id, "failure", "ai-compliance", stored.Description)));
    }

    [Test]
    public async Task Installation_repositories_are_read_over_all_pages()
    {
        await StartAsync();
        for (var i = 0; i < 120; i++)
            Fake.AddRepository($"octo/repo{i:D3}", defaultBranch: i % 2 == 0 ? "main" : "master");
        Fake.AddRepository("elsewhere/x", installationId: 9);

        var repos = await Client.ListInstallationRepositoriesAsync();

        Assert.That(repos, Has.Count.EqualTo(121));
        Assert.That(repos.Single(r => r.Name == "repo001").DefaultBranch, Is.EqualTo("master"));
        Assert.That(repos.Select(r => r.FullName), Does.Not.Contain("elsewhere/x"));
        Assert.That(Fake.Calls.For("GET /installation/repositories"), Is.EqualTo(2));
    }

    [Test]
    public async Task Open_pull_requests_are_read_over_all_pages_without_closed_ones()
    {
        await StartAsync();
        for (var i = 1; i <= 130; i++)
            Fake.AddPullRequest("octo/app", i, Alice, $"h{i}");
        Fake.AddPullRequest("octo/app", 131, Alice, "h131", state: "closed");

        var open = await Client.ListOpenPullRequestsAsync("octo", "app");

        Assert.That(open.Select(p => p.Number), Is.EquivalentTo(Enumerable.Range(1, 130)));
        Assert.That(open.Single(p => p.Number == 7).HeadSha, Is.EqualTo("h7"));
        var requests = Fake.Calls.Requests.Where(r => r.Route == "GET /repos/{owner}/{repo}/pulls").ToList();
        Assert.That(requests, Has.Count.EqualTo(2));
        Assert.That(requests[0].Query, Does.Contain("state=open"));
    }

    [Test]
    public async Task Compare_pages_through_every_commit_oldest_first_with_files_from_page_one()
    {
        await StartAsync();
        PullRequest(commits: 300, files: 400);

        var result = await Client.CompareAsync("octo", "app", "b".PadRight(40, '0'), "sha299");

        Assert.That((result.Status, result.AheadBy, result.BehindBy, result.TotalCommits), Is.EqualTo(("ahead", 300, 0, 300)));
        Assert.That(result.Commits.Select(c => c.Sha), Is.EqualTo(Enumerable.Range(0, 300).Select(i => $"sha{i}")));
        Assert.That(result.Commits[1].ParentShas, Is.EqualTo(new[] { "sha0" }));
        Assert.That(result.Files, Has.Count.EqualTo(300), "compare lists at most 300 files, on its first page");
        Assert.That(Calls("/compare/{**basehead}"), Is.EqualTo(3));
    }

    [Test]
    public async Task Compare_keeps_a_slash_in_a_ref()
    {
        await StartAsync();
        var pr = PullRequest();
        var commits = Enumerable.Range(0, 3).Select(i => Fake.AddCommit(pr, $"s{i}", $"m{i}", Alice)).ToList();
        Fake.SetCompare("octo/app", "before", "release/2", "ahead", commits, [new FakeFile("a.txt", "added")]);

        var result = await Client.CompareAsync("octo", "app", "before", "release/2");

        Assert.That(result.Commits.Select(c => c.Sha), Is.EqualTo(new[] { "s0", "s1", "s2" }));
        Assert.That(result.Files, Is.EqualTo(new[] { new ChangedFile("a.txt", "added") }));
    }

    [Test]
    public async Task Pull_requests_of_a_commit_are_found()
    {
        await StartAsync();
        var pr = Fake.AddPullRequest("octo/app", 5, Alice, "head5");
        Fake.AddCommit(pr, "inner", "m", Alice);
        Fake.AddPullRequest("octo/app", 6, Alice, "head6");

        var prs = await Client.ListPullRequestsForCommitAsync("octo", "app", "inner");

        Assert.That(prs.Select(p => (p.Number, p.HeadSha, p.BaseRef)), Is.EqualTo(new[] { (5, "head5", "trunk") }));
    }

    [Test]
    public async Task History_is_newest_first_and_read_only_as_far_as_enumerated()
    {
        await StartAsync();
        for (var i = 0; i < 250; i++)
            Fake.AddBranchCommit("octo/app", "trunk", $"c{i:D3}", $"m{i}\n", Alice);

        var firstFive = new List<HistoryCommit>();
        await foreach (var commit in Client.ListHistoryAsync("octo", "app", "c200"))
        {
            firstFive.Add(commit);
            if (firstFive.Count == 5)
                break;
        }

        Assert.That(firstFive.Select(c => c.Sha), Is.EqualTo(new[] { "c200", "c199", "c198", "c197", "c196" }));
        Assert.That(firstFive[0].Parents, Is.EqualTo(new[] { "c199" }));
        Assert.That(firstFive[0].Commit.Message, Is.EqualTo("m200\n"));
        Assert.That(Calls("/commits"), Is.EqualTo(1), "one page of 100 holds the first five");
        Assert.That(Fake.Calls.Requests.Single(r => r.Route.EndsWith("/commits", StringComparison.Ordinal)).Query, Does.Contain("sha=c200"));

        var all = new List<string>();
        await foreach (var commit in Client.ListHistoryAsync("octo", "app", "trunk"))
            all.Add(commit.Sha);
        Assert.That(all, Has.Count.EqualTo(250));
        Assert.That(Calls("/commits"), Is.EqualTo(1 + 3));
    }

    [Test]
    public async Task A_comment_is_posted_and_one_is_read_back_as_github_holds_it_until_deleted()
    {
        await StartAsync();
        var createdAt = new DateTimeOffset(2025, 3, 2, 10, 0, 0, TimeSpan.Zero);
        var written = Fake.AddComment("octo/app", 7, Carol, "/ai-compliance override first words", createdAt);
        Fake.EditComment(written.Id, "/ai-compliance override second thoughts");

        await Client.CreateIssueCommentAsync("octo", "app", 12, "Override refused: reason");
        var read = await Client.GetIssueCommentAsync("octo", "app", written.Id);
        Fake.DeleteComment(written.Id);
        var deleted = await Client.GetIssueCommentAsync("octo", "app", written.Id);

        Assert.That(Fake.Comments("octo/app").Select(c => (c.Number, c.Body)), Is.EqualTo(new[] { (12, "Override refused: reason") }));
        Assert.That((read!.Id, read.Body, read.User, read.CreatedAt, read.IssueNumber),
            Is.EqualTo((written.Id, "/ai-compliance override second thoughts", (GitHubUser?)new GitHubUser(103, "carol"), createdAt, (int?)7)));
        Assert.That(read.UpdatedAt, Is.GreaterThan(createdAt));
        Assert.That(deleted, Is.Null);
    }

    [Test]
    public async Task Team_membership_is_true_for_an_active_member_and_false_on_404()
    {
        await StartAsync();
        Fake.AddTeamMember("octo", "release-managers", "carol");

        Assert.That(await Client.IsTeamMemberAsync("octo", "release-managers", "carol"), Is.True);
        Assert.That(await Client.IsTeamMemberAsync("octo", "release-managers", "dave"), Is.False);
        Assert.That(await Client.IsTeamMemberAsync("octo", "no-such-team", "carol"), Is.False);
        Assert.That(Fake.Calls.Requests.Where(r => r.Route.StartsWith("GET /orgs/", StringComparison.Ordinal)).Select(r => r.Path),
            Does.Contain("/orgs/octo/teams/release-managers/memberships/carol"));
    }

    [Test]
    public async Task An_unchanged_read_is_a_304_answered_from_the_cache_pages_and_all()
    {
        await StartAsync();
        var pr = PullRequest(commits: 250);

        var first = await Client.GetPullRequestAsync("octo", "app", 1);
        var commits = await Client.ListPullRequestCommitsAsync("octo", "app", 1);
        Fake.Calls.Reset();
        var second = await Client.GetPullRequestAsync("octo", "app", 1);
        var commitsAgain = await Client.ListPullRequestCommitsAsync("octo", "app", 1);
        Fake.SetBody(pr, "changed");
        var changed = await Client.GetPullRequestAsync("octo", "app", 1);

        Assert.That(second, Is.EqualTo(first));
        Assert.That(commitsAgain, Is.EqualTo(commits));
        Assert.That(changed.Body, Is.EqualTo("changed"));
        Assert.That(Fake.Calls.Requests.Select(r => r.StatusCode), Is.EqualTo(new[] { 304, 304, 304, 304, 200 }));
        Assert.That(Fake.Calls.Requests.Take(4).Select(r => r.IfNoneMatch), Is.All.Not.Null);
    }

    [Test]
    public async Task A_revoked_token_gets_one_401_then_a_new_token_and_the_call_succeeds()
    {
        await StartAsync();
        await Client.GetRepositoryAsync("octo", "app");
        Fake.RevokeTokens();

        var repo = await Client.GetRepositoryAsync("octo", "app");

        Assert.That(repo.DefaultBranch, Is.EqualTo("trunk"));
        Assert.That(Fake.TokensIssued, Is.EqualTo(2));
        Assert.That(Fake.Calls.Requests.Count(r => r.StatusCode == 401), Is.EqualTo(1));
    }

    [Test]
    public async Task A_spent_rate_limit_says_when_it_resets_and_holds_later_calls_back()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await StartAsync(clock: clock);
        PullRequest();
        var reset = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().AddMinutes(30).ToUnixTimeSeconds());
        Fake.SpendRateLimit(FakeGitHubServer.DefaultInstallationId, reset);

        var spent = Assert.ThrowsAsync<GitHubApiException>(() => Client.GetPullRequestAsync("octo", "app", 1));
        var held = Assert.ThrowsAsync<GitHubApiException>(() => Client.ListPullRequestReviewsAsync("octo", "app", 1));

        Assert.That((spent!.StatusCode, spent.RateLimitResetAt), Is.EqualTo(((int?)403, (DateTimeOffset?)reset)));
        Assert.That((held!.StatusCode, held.RateLimitResetAt), Is.EqualTo(((int?)null, (DateTimeOffset?)reset)));
        Assert.That(Fake.RateLimitedAnswers, Is.EqualTo(1), "the held call never reached GitHub");
    }

    [Test]
    public async Task Every_call_sends_user_agent_media_type_api_version_and_a_bearer_token()
    {
        await StartAsync();
        PullRequest();

        await Client.GetPullRequestAsync("octo", "app", 1);
        await Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest { Name = "n", HeadSha = "h" });

        var requests = Fake.Calls.Requests;
        Assert.That(requests, Has.Count.EqualTo(3), "token, pull, check run");
        Assert.That(requests.Select(r => r.UserAgent), Is.All.StartsWith("bot-tests/1.0"));
        Assert.That(requests.Select(r => r.Accept), Is.All.EqualTo("application/vnd.github+json"));
        Assert.That(requests.Select(r => r.ApiVersion), Is.All.EqualTo("2022-11-28"));
        Assert.That(requests.Select(r => r.AuthorizationScheme), Is.All.EqualTo("Bearer"));
    }

    [Test]
    public async Task An_enterprise_server_base_url_keeps_its_api_v3_prefix_on_every_call_and_page()
    {
        await StartAsync(pathPrefix: "/api/v3");
        PullRequest(commits: 150);
        Fake.SetContent("octo/app", ".github/ai-compliance.yml", null, "version: 1\n");

        var commits = await Client.ListPullRequestCommitsAsync("octo", "app", 1);
        var file = await Client.GetFileAsync("octo", "app", ".github/ai-compliance.yml", null);
        await Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest { Name = "n", HeadSha = "sha149" });

        Assert.That(commits, Has.Count.EqualTo(150));
        Assert.That(file!.Text, Is.EqualTo("version: 1\n"));
        Assert.That(Fake.Calls.Requests.Select(r => r.Path), Is.All.StartWith("/api/v3/"));
        Assert.That(Fake.Calls.Requests.Select(r => r.StatusCode), Is.All.EqualTo(200).Or.EqualTo(201));
    }
}
