using System.Net;

namespace Bot.GitHub.Http;

/// <summary>Innermost handler: sees every attempt that actually goes to GitHub.</summary>
internal sealed class CountingHandler(GitHubCallCounter counter, GitHubMetrics? metrics = null) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.RecordCall();
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch
        {
            metrics?.Record(request, response: null);
            throw;
        }

        metrics?.Record(request, response);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            counter.RecordNotModified();
        }

        return response;
    }
}
