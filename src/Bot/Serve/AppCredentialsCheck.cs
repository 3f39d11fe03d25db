using Bot.GitHub;
using Bot.GitHub.Rest;
using Microsoft.Extensions.Options;

namespace Bot.Serve;

/// <summary>What the start-up check of the App credentials found, for <c>/status</c>.</summary>
public sealed record AppCredentialsResult(string Outcome, string Detail, DateTimeOffset CheckedAt)
{
    public const string Verified = "verified";
    public const string Unchecked = "unchecked";
}

/// <summary>At start-up, asks GitHub who the App is (<c>GET /app</c> with the App JWT). A wrong App id or a revoked or
/// foreign key is refused there, and would otherwise only show as every evaluation failing: it stops the start with a
/// clear reason. GitHub not answering is no reason to refuse webhooks (they are stored and evaluated once GitHub is
/// back), so that is a warning.</summary>
public sealed class AppCredentialsCheck(GitHubApp github, IOptions<GitHubOptions> options, TimeProvider clock, ILogger<AppCredentialsCheck> logger)
{
    /// <summary>How long the start waits for GitHub's answer (retries of an unreachable GitHub included).</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    /// <summary>Null until the check has run (the service was started without it, as in tests).</summary>
    public AppCredentialsResult? Result { get; private set; }

    /// <exception cref="CannotStartException">GitHub refused the credentials.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(Bound);
        try
        {
            var app = await github.GetAppAsync(bound.Token);
            Result = new AppCredentialsResult(AppCredentialsResult.Verified, $"GitHub App {app.Slug} (id {app.Id})", clock.GetUtcNow());
            logger.LogInformation("GitHub accepted the App credentials: {AppSlug} (id {AppId})", app.Slug, app.Id);
        }
        catch (GitHubApiException e) when (e.StatusCode is 401 or 404)
        {
            var settings = options.Value;
            throw new CannotStartException($"GitHub refused the App credentials ({e.Message}). Check GitHub:AppId ({settings.AppId}) and the "
                                           + "private key: it may have been revoked or belong to another App"
                                           + (e.StatusCode == 404 ? $"; and GitHub:ApiBaseUrl ({settings.ApiBaseUrl})" : ""), e);
        }
        catch (GitHubApiException e)
        {
            Unchecked(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Unchecked($"no answer within {Bound.TotalSeconds:0} s");
        }
    }

    private void Unchecked(string reason)
    {
        Result = new AppCredentialsResult(AppCredentialsResult.Unchecked, reason, clock.GetUtcNow());
        logger.LogWarning("Could not check the App credentials with GitHub ({Reason}); starting anyway: deliveries are stored and "
                          + "evaluated once GitHub answers", reason);
    }
}
