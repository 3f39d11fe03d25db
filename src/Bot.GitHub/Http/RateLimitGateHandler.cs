using Bot.GitHub.Rest;

namespace Bot.GitHub.Http;

/// <summary>Holds back an installation's requests while its primary budget is spent: they fail at once with
/// <see cref="GitHubApiException.RateLimitResetAt"/> instead of reaching GitHub. Sits outside the resilience handler, so it
/// sees the answer a request ended with (after any retry within the wait cap) and learns of a spent budget from it.</summary>
internal sealed class RateLimitGateHandler(InstallationRateLimits limits) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(InstallationRateLimits.Installation, out var installation))
            return await base.SendAsync(request, cancellationToken);

        if (limits.SpentUntil(installation) is { } until)
        {
            throw new GitHubApiException(null, request.Method.Method, request.RequestUri?.PathAndQuery ?? "?",
                $"not sent: installation {installation} has spent its API rate limit until {until:yyyy-MM-dd'T'HH:mm:ss'Z'}")
            {
                RateLimitResetAt = until,
            };
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (RetryClassifier.PrimaryBudgetReset(response) is { } reset)
            limits.Spent(installation, reset);
        return response;
    }
}
