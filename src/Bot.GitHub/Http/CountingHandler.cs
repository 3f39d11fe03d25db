using System.Net;

namespace Bot.GitHub.Http;

/// <summary>Innermost handler: sees every attempt that actually goes to GitHub.</summary>
internal sealed class CountingHandler(GitHubCallCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.RecordCall();
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            counter.RecordNotModified();
        }

        return response;
    }
}
