using Bot.FakeGitHub;
using Bot.GitHub.Http;
using Bot.GitHub.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Http;

/// <summary>The GitHub client as the service registers it (AddGitHubApp: a named HttpClient from IHttpClientFactory): what
/// the handlers learn (ETags, the call count) outlives the factory's rotation of the handlers.</summary>
public sealed class HttpClientFactoryTests
{
    private static readonly FakeUser Alice = new(101, "alice");

    [Test]
    public async Task A_rotated_handler_still_sends_the_etag_the_previous_one_cached_and_the_counter_keeps_counting()
    {
        await using var fake = await FakeGitHubServer.StartAsync();
        fake.AddRepository("octo/app");
        fake.AddPullRequest("octo/app", 1, Alice, "head");
        var networkHandlers = 0;
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new GitHubAppOptions
        {
            BaseUrl = fake.BaseUrl, AppId = fake.AppId, PrivateKeyPem = fake.Key.PrivateKeyPkcs1Pem,
            Resilience = GitHubTestContext.FastResilience(),
        }));
        services.AddGitHubApp()
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                Interlocked.Increment(ref networkHandlers);
                return GitHubApp.NetworkHandler();
            })
            .SetHandlerLifetime(TimeSpan.FromSeconds(1));
        await using var provider = services.BuildServiceProvider();
        var app = provider.GetRequiredService<GitHubApp>();
        var client = app.ForInstallation(FakeGitHubServer.DefaultInstallationId);

        await client.GetPullRequestAsync("octo", "app", 1);
        // Wait for the factory to build a new handler chain (it does so for a client asked for after the lifetime).
        var rotated = false;
        for (var attempt = 0; attempt < 100 && !rotated; attempt++)
        {
            await Task.Delay(100);
            await client.GetPullRequestAsync("octo", "app", 1);
            rotated = Volatile.Read(ref networkHandlers) >= 2;
        }

        Assert.That(rotated, Is.True, "the factory rotated the handlers");
        var pulls = fake.Calls.Requests.Where(r => r.Route == "GET /repos/{owner}/{repo}/pulls/{number}").ToList();
        Assert.That(pulls.Skip(1).Select(r => r.StatusCode), Is.All.EqualTo(304), "every repeat, on either chain, was conditional");
        Assert.That(app.Counter.Calls, Is.EqualTo(fake.Calls.Requests.Count), "one counter across the chains");
        Assert.That(app.Counter.NotModified, Is.EqualTo(pulls.Count - 1));
    }
}
