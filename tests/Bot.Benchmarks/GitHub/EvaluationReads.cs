using Bot.FakeGitHub;
using Bot.GitHub;
using Bot.GitHub.Http;
using Bot.GitHub.Rest;

namespace Bot.Benchmarks.GitHub;

/// <summary>Where the client's requests go: the fake GitHub on Kestrel (client and server share this process), or answers
/// recorded from it (the client alone).</summary>
public enum GitHubTransportKind
{
    Kestrel,
    Replay,
}

/// <summary>The GitHub calls of one evaluation of a new head, as the service makes them: the pull request, its commits,
/// reviews and files, the policy file, and the check run. A typical pull request (5 commits with trailers, 3 reviews,
/// 12 files, a 1 KB policy). The ETag cache is off, so every read is a full 200 as for a head never seen.</summary>
public sealed class EvaluationReads : IAsyncDisposable
{
    private const string PolicyPath = ".github/ai-compliance.yml";
    private static readonly CheckRunRequest CheckRun = new()
    {
        Name = "AI change control",
        HeadSha = "c4".PadRight(40, '0'),
        Status = "completed",
        Conclusion = "success",
        ExternalId = "evaluation-1",
        Output = new CheckRunOutput("All commits declared; approved by bob", new string('s', 1_500)),
    };

    private readonly FakeGitHubServer _fake;
    private readonly GitHubApp _app;
    private readonly IGitHubInstallationClient _client;

    private EvaluationReads(FakeGitHubServer fake, GitHubApp app)
    {
        _fake = fake;
        _app = app;
        _client = app.ForInstallation(FakeGitHubServer.DefaultInstallationId);
    }

    public static async Task<EvaluationReads> StartAsync(GitHubTransportKind transport)
    {
        var fake = await FakeGitHubServer.StartAsync();
        Populate(fake);
        var options = new GitHubAppOptions
        {
            BaseUrl = fake.BaseUrl,
            AppId = fake.AppId,
            PrivateKeyPem = fake.Key.PrivateKeyPkcs1Pem,
            UserAgent = "bot-benchmarks/1.0",
            ETagCacheCapacity = 0,
            Resilience = new GitHubResilienceOptions { BreakerMinimumThroughput = 1_000_000 },
        };
        HttpMessageHandler? network = null;
        if (transport == GitHubTransportKind.Replay)
        {
            var recorder = new RecordingHandler();
            using (var recording = new GitHubApp(options, recorder))
                await new EvaluationReads(fake, recording).ReadAsync();
            network = new ReplayHandler(recorder.Answers);
        }

        var reads = new EvaluationReads(fake, new GitHubApp(options, network));
        await reads.ReadAsync(); // mints the installation token, which then stays cached
        return reads;
    }

    /// <summary>One evaluation's calls; returns something of each answer so that nothing is optimised away.</summary>
    public async Task<int> ReadAsync()
    {
        var pr = await _client.GetPullRequestAsync("octo", "app", 7);
        var commits = await _client.ListPullRequestCommitsAsync("octo", "app", 7);
        var reviews = await _client.ListPullRequestReviewsAsync("octo", "app", 7);
        var files = await _client.ListPullRequestFilesAsync("octo", "app", 7);
        var policy = await _client.GetFileAsync("octo", "app", PolicyPath, pr.BaseRef);
        var run = await _client.CreateCheckRunAsync("octo", "app", CheckRun);
        return commits.Count + reviews.Count + files.Count + policy!.Text.Length + (int)(run.Id & 0xff);
    }

    public async ValueTask DisposeAsync()
    {
        _app.Dispose();
        await _fake.DisposeAsync();
    }

    private static void Populate(FakeGitHubServer fake)
    {
        fake.AddRepository("octo/app");
        var alice = new FakeUser(101, "alice");
        var bob = new FakeUser(102, "bob");
        var pr = fake.AddPullRequest("octo/app", 7, alice, "c4".PadRight(40, '0'), title: "Parse the new trailer format",
            body: "## Summary\nParses trailers.\n\n## AI assistance\n- [x] AI tools were used\n- [x] I reviewed every AI-generated line\n");
        for (var i = 0; i < 5; i++)
        {
            fake.AddCommit(pr, $"c{i}".PadRight(40, '0'), $"Step {i}: parse trailers of kind {i}\n\nLonger explanation of the change, wrapped at " +
                "seventy-two characters as people do.\n\nAI-Assisted: yes\nAI-Tool: copilot\nSigned-off-by: Alice <alice@example.com>\n", alice);
        }

        fake.AddReview(pr, bob, "COMMENTED", body: "One question about the parser.");
        fake.AddReview(pr, alice, "COMMENTED", body: "Answered.");
        fake.AddReview(pr, bob, "APPROVED", body: "Looks good.");
        for (var i = 0; i < 12; i++)
            fake.AddFile(pr, $"src/Parser/File{i}.cs");
        fake.SetContent("octo/app", PolicyPath, "main",
            "version: 1\ntrailer:\n  key: AI-Assisted\n  tool_key: AI-Tool\nreview:\n  required_approvals: 1\n  sensitive_paths:\n" +
            string.Concat(Enumerable.Range(0, 30).Select(i => $"    - \"src/Secure{i}/**\"\n")));
    }
}
