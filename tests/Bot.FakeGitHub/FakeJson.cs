using System.Globalization;
using System.Text;

namespace Bot.FakeGitHub;

/// <summary>GitHub's REST response shapes (the fields the bot reads, plus a few it ignores, as GitHub sends them).</summary>
internal static class FakeJson
{
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static object? User(FakeUser? user) => user is null || ReferenceEquals(user, FakeUser.Unlinked)
        ? null
        : new { login = user.Login, id = user.Id, node_id = "U_" + user.Id, type = user.Type, site_admin = false };

    public static object Repo(FakeRepository repo) => new
    {
        id = repo.Id,
        node_id = "R_" + repo.Id,
        name = repo.Name,
        full_name = repo.FullName,
        @private = repo.Private,
        owner = new { login = repo.Owner, id = 1000 + repo.Id, type = "Organization" },
        default_branch = repo.DefaultBranch,
        fork = false,
        pushed_at = Time(repo.PushedAt),
    };

    public static object Pull(FakePullRequest pr) => new
    {
        number = pr.Number,
        state = pr.State,
        title = pr.Title,
        body = pr.Body,
        draft = pr.Draft,
        merged = pr.Merged,
        merged_at = pr.Merged ? (pr.MergedAt is { } mergedAt ? Time(mergedAt) : "2024-01-02T00:00:00Z") : null,
        merge_commit_sha = pr.MergeCommitSha,
        merged_by = pr.Merged ? User(pr.MergedBy) : null,
        updated_at = Time(pr.UpdatedAt),
        user = User(pr.Author),
        head = new { @ref = pr.HeadRef, sha = pr.HeadSha, label = pr.Repository.Owner + ":" + pr.HeadRef, repo = Repo(pr.Repository) },
        @base = new { @ref = pr.BaseRef, sha = BaseSha(pr), label = pr.Repository.Owner + ":" + pr.BaseRef, repo = Repo(pr.Repository) },
        commits = pr.Commits.Count,
        changed_files = pr.Files.Count,
    };

    /// <summary>The <c>base.sha</c> the fake reports for a pull request (one fixed commit: GitHub reports it inconsistently
    /// for a merged pull request, and the bot does not use it).</summary>
    public static string BaseSha(FakePullRequest pr) => "b".PadRight(40, '0');

    public static object Commit(FakeCommit commit) => new
    {
        sha = commit.Sha,
        node_id = "C_" + commit.Sha,
        commit = new
        {
            message = commit.Message,
            author = new { name = commit.AuthorName, email = commit.AuthorEmail, date = Time(commit.Date) },
            committer = new { name = commit.CommitterName, email = commit.CommitterEmail, date = Time(commit.Date) },
        },
        author = User(commit.AuthorUser),
        committer = User(commit.CommitterUser),
        parents = commit.Parents.Select(p => new { sha = p }).ToArray(),
    };

    public static object Review(FakeReview review) => new
    {
        id = review.Id,
        user = User(review.User),
        body = review.Body ?? "",
        state = review.State,
        commit_id = review.CommitId,
        submitted_at = review.SubmittedAt is { } at ? Time(at) : null,
        author_association = "MEMBER",
    };

    public static object File(FakeFile file) => new
    {
        filename = file.Filename,
        status = file.Status,
        previous_filename = file.PreviousFilename,
        additions = 1,
        deletions = 0,
        changes = 1,
    };

    public static object CheckRun(FakeCheckRun run, string baseUrl, string repo) => new
    {
        id = run.Id,
        name = run.Name,
        head_sha = run.HeadSha,
        status = run.Status,
        conclusion = run.Conclusion,
        external_id = run.ExternalId,
        details_url = run.DetailsUrl,
        html_url = $"{baseUrl}/{repo}/runs/{run.Id}",
        started_at = run.StartedAt,
        completed_at = run.CompletedAt,
        output = new { title = run.Title, summary = run.Summary, text = run.Text },
        app = new { id = run.AppId },
        check_suite = new { id = 1 },
        pull_requests = Array.Empty<object>(),
    };

    public static object Status(FakeCommitStatus status) => new
    {
        id = status.Id,
        state = status.State,
        context = status.Context,
        description = status.Description,
        target_url = status.TargetUrl,
    };

    /// <summary>Like GitHub: base64 wrapped with '\n' every 60 characters.</summary>
    public static object Content(string path, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var base64 = Convert.ToBase64String(bytes);
        var wrapped = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 60)
        {
            wrapped.Append(base64, i, Math.Min(60, base64.Length - i)).Append('\n');
        }

        return new
        {
            type = "file",
            encoding = "base64",
            size = bytes.Length,
            name = path.Split('/')[^1],
            path,
            content = wrapped.ToString(),
            sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))[..40],
        };
    }
}
