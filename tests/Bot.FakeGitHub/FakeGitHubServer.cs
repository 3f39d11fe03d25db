using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.FakeGitHub;

/// <summary>An in-memory GitHub REST API on Kestrel (127.0.0.1, port 0) for tests: App JWT + installation tokens,
/// repositories, pull requests, check runs, statuses; GitHub-style paging, ETags and fault injection.
/// All state sits behind one lock, so tests may call it from many threads.</summary>
public sealed partial class FakeGitHubServer : IAsyncDisposable
{
    public const long DefaultInstallationId = 1;

    private readonly Lock _gate = new();
    private readonly Dictionary<long, HashSet<string>> _installations = [];
    private readonly HashSet<long> _suspended = [];
    private readonly Dictionary<string, FakeRepository> _repos = new(StringComparer.OrdinalIgnoreCase);
    private readonly FakeAppAuth _auth;
    private readonly TimeProvider _clock;
    private readonly string _pathPrefix;
    private WebApplication? _app;
    private long _nextId = 100;

    private FakeGitHubServer(string appId, string pathPrefix, TimeProvider clock)
    {
        AppId = appId;
        Key = TestAppKey.Shared;
        _auth = new FakeAppAuth(Key, appId, clock);
        _clock = clock;
        _pathPrefix = pathPrefix.TrimEnd('/');
        _installations[DefaultInstallationId] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Where the API answers, e.g. <c>http://127.0.0.1:5123</c> or, with a GHES prefix, <c>http://127.0.0.1:5123/api/v3</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string AppId { get; }

    /// <summary>The App's key pair (one per test process: RSA generation is slow); give <see cref="TestAppKey.PrivateKeyPkcs1Pem"/> to the bot.</summary>
    public TestAppKey Key { get; }

    public FakeCallLog Calls { get; } = new();

    public FakeFaults Faults { get; } = new();

    /// <summary>Lifetime of the installation tokens issued from now on (GitHub: 1 hour).</summary>
    public TimeSpan TokenLifetime
    {
        get => _auth.TokenLifetime;
        set => _auth.TokenLifetime = value;
    }

    public int TokensIssued => _auth.TokensIssued;

    /// <param name="pathPrefix">"" for github.com, "/api/v3" to act as GitHub Enterprise Server (requests without it get 404).</param>
    /// <param name="clock">GitHub's "now" for JWT checks and token expiry; share the bot's test clock to move time.</param>
    public static async Task<FakeGitHubServer> StartAsync(string appId = "12345", string pathPrefix = "", TimeProvider? clock = null)
    {
        var server = new FakeGitHubServer(appId, pathPrefix, clock ?? TimeProvider.System);
        // No appsettings to watch: by default the content root is the working directory and its appsettings.json is
        // watched for changes, recursively. Run from /tmp, that watch saw every write of a bot's database in a temp folder
        // below it: thousands of inotify events a second, paid for by both processes during a load run.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        server.Configure(app);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.TrimEnd('/') + server._pathPrefix);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    // ---- builders ----

    public FakeGitHubServer AddInstallation(long installationId)
    {
        lock (_gate)
        {
            _installations.TryAdd(installationId, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
        }

        return this;
    }

    public void SuspendInstallation(long installationId)
    {
        lock (_gate)
        {
            _suspended.Add(installationId);
        }

        _auth.Revoke(installationId);
    }

    /// <summary>Revokes issued tokens (all, or one installation's): the next call with them gets 401.</summary>
    public void RevokeTokens(long? installationId = null) => _auth.Revoke(installationId);

    public FakeRepository AddRepository(string fullName, string defaultBranch = "main", long installationId = DefaultInstallationId, bool isPrivate = false)
    {
        if (fullName.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            throw new ArgumentException($"Repository name must be owner/name: '{fullName}'", nameof(fullName));
        }

        lock (_gate)
        {
            AddInstallation(installationId);
            var repo = new FakeRepository(++_nextId, fullName, defaultBranch, installationId, isPrivate);
            _repos.Add(fullName, repo);
            _installations[installationId].Add(fullName);
            return repo;
        }
    }

    public FakePullRequest AddPullRequest(
        string repo, int number, FakeUser author, string headSha, string? baseRef = null, string? body = null,
        string title = "A change", bool draft = false, string headRef = "feature", string state = "open")
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            if (repository.PullRequests.Any(p => p.Number == number))
            {
                throw new ArgumentException($"Pull request #{number} already exists in {repo}.", nameof(number));
            }

            var pr = new FakePullRequest(repository, number)
            {
                Author = author, HeadSha = headSha, BaseRef = baseRef ?? repository.DefaultBranch, Body = body,
                Title = title, Draft = draft, HeadRef = headRef, State = state,
            };
            repository.PullRequests.Add(pr);
            return pr;
        }
    }

    /// <summary>Adds a commit to the pull request. <paramref name="committer"/> defaults to <paramref name="author"/>;
    /// pass null for <paramref name="author"/> or <see cref="FakeUser.Unlinked"/> for <paramref name="committer"/> when
    /// GitHub links no account.</summary>
    public FakeCommit AddCommit(
        FakePullRequest pr, string sha, string message, FakeUser? author, FakeUser? committer = null,
        string? authorName = null, string? authorEmail = null, int parentCount = 1)
    {
        lock (_gate)
        {
            var committerUser = committer is null ? author : ReferenceEquals(committer, FakeUser.Unlinked) ? null : committer;
            var parents = Enumerable.Range(0, parentCount)
                .Select(i => i == 0 && pr.Commits.Count > 0 ? pr.Commits[^1].Sha : $"{i:x}".PadRight(40, 'f'))
                .ToArray();
            var name = authorName ?? author?.Login ?? "Unlinked Person";
            var email = authorEmail ?? $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com";
            var commit = new FakeCommit(
                sha, message, name, email, author,
                committerUser?.Login ?? name, committerUser is null ? email : $"{committerUser.Login}@example.com", committerUser,
                parents, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(pr.Commits.Count));
            pr.Commits.Add(commit);
            return commit;
        }
    }

    /// <summary>A review; <paramref name="commitId"/> defaults to the pull request's current head.</summary>
    public FakeReview AddReview(FakePullRequest pr, FakeUser? user, string state, string? commitId = null, string? body = null)
    {
        lock (_gate)
        {
            var upper = state.ToUpperInvariant();
            var review = new FakeReview(
                ++_nextId, user, upper, commitId ?? pr.HeadSha,
                upper == "PENDING" ? null : new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero).AddMinutes(pr.Reviews.Count), body);
            pr.Reviews.Add(review);
            return review;
        }
    }

    public FakeFile AddFile(FakePullRequest pr, string filename, string status = "modified", string? previousFilename = null)
    {
        lock (_gate)
        {
            var file = new FakeFile(filename, status, previousFilename);
            pr.Files.Add(file);
            return file;
        }
    }

    public void SetBody(FakePullRequest pr, string? body)
    {
        lock (_gate)
        {
            pr.Body = body;
        }
    }

    public void SetHead(FakePullRequest pr, string headSha)
    {
        lock (_gate)
        {
            pr.HeadSha = headSha;
        }
    }

    public void SetState(FakePullRequest pr, string state, bool merged = false)
    {
        lock (_gate)
        {
            pr.State = state;
            pr.Merged = merged;
        }
    }

    /// <summary>Marks the pull request merged now (or at <paramref name="mergedAt"/>), landing as <paramref name="mergeCommitSha"/>
    /// (a commit the fake's graph need not hold; <see cref="Merge"/> lands it for real).</summary>
    public void SetMerged(FakePullRequest pr, string mergeCommitSha, DateTimeOffset? mergedAt = null)
    {
        lock (_gate)
        {
            pr.State = "closed";
            pr.Merged = true;
            pr.MergeCommitSha = mergeCommitSha;
            pr.MergedAt = mergedAt ?? DateTimeOffset.UtcNow;
        }
    }

    /// <summary>File text at a ref; <paramref name="gitRef"/> null = the default branch (also what a request without ?ref= reads).</summary>
    public void SetContent(string repo, string path, string? gitRef, string text)
    {
        lock (_gate)
        {
            var repository = Repo(repo);
            repository.Contents[(path.Trim('/'), gitRef ?? repository.DefaultBranch)] = text;
        }
    }

    public void SetCompare(string repo, string baseRef, string headRef, string status, IEnumerable<FakeCommit> commits, IEnumerable<FakeFile>? files = null)
    {
        lock (_gate)
        {
            Repo(repo).Comparisons[(baseRef, headRef)] = new FakeComparison(status, commits.ToList(), (files ?? []).ToList());
        }
    }

    /// <summary>Check runs the bot created, in creation order, as they stand now.</summary>
    public IReadOnlyList<FakeCheckRun> CheckRuns(string repo)
    {
        lock (_gate)
        {
            return Repo(repo).CheckRuns.ToList();
        }
    }

    public IReadOnlyList<FakeCommitStatus> Statuses(string repo)
    {
        lock (_gate)
        {
            return Repo(repo).Statuses.ToList();
        }
    }

    private FakeRepository Repo(string fullName) =>
        _repos.TryGetValue(fullName, out var repo) ? repo : throw new ArgumentException($"No repository {fullName} in the fake.", nameof(fullName));
}
