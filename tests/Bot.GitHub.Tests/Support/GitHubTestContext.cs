using Bot.FakeGitHub;
using Bot.GitHub.Http;
using Bot.GitHub.Rest;

namespace Bot.GitHub.Tests.Support;

/// <summary>A fake GitHub plus a <see cref="GitHubApp"/> pointed at it, with fast retry settings.</summary>
internal sealed class GitHubTestContext : IAsyncDisposable
{
    private GitHubTestContext(FakeGitHubServer fake, GitHubApp app, List<RetryDecision> retries)
    {
        Fake = fake;
        App = app;
        Retries = retries;
    }

    public FakeGitHubServer Fake { get; }

    public GitHubApp App { get; }

    /// <summary>Every retry decision the pipeline took, with the delay it computed.</summary>
    public List<RetryDecision> Retries { get; }

    public IGitHubInstallationClient Client => App.ForInstallation(FakeGitHubServer.DefaultInstallationId);

    public static GitHubResilienceOptions FastResilience() => new()
    {
        MaxRetryAttempts = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxBackoffDelay = TimeSpan.FromMilliseconds(20),
        MaxServerRequestedDelay = TimeSpan.FromSeconds(2),
        AttemptTimeout = TimeSpan.FromSeconds(10),
        BreakerMinimumThroughput = 1_000,
    };

    public static async Task<GitHubTestContext> StartAsync(
        string pathPrefix = "", Action<GitHubAppOptions>? configure = null, TimeProvider? clock = null)
    {
        var fake = await FakeGitHubServer.StartAsync(pathPrefix: pathPrefix, clock: clock);
        var retries = new List<RetryDecision>();
        var options = new GitHubAppOptions
        {
            BaseUrl = fake.BaseUrl,
            AppId = fake.AppId,
            PrivateKeyPem = fake.Key.PrivateKeyPkcs1Pem,
            UserAgent = "bot-tests/1.0",
            Resilience = FastResilience(),
        };
        configure?.Invoke(options);
        var observer = options.Resilience.OnRetry;
        options.Resilience.OnRetry = decision =>
        {
            lock (retries)
            {
                retries.Add(decision);
            }

            observer?.Invoke(decision);
        };
        return new GitHubTestContext(fake, new GitHubApp(options, clock: clock), retries);
    }

    public async ValueTask DisposeAsync()
    {
        App.Dispose();
        await Fake.DisposeAsync();
    }
}
