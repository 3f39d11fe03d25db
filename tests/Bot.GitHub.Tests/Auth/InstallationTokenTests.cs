using NUnit.Framework;
using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;

namespace Bot.GitHub.Tests.Auth;

public class InstallationTokenTests
{
    private static async Task<GitHubTestContext> StartWithRepoAsync(TimeProvider? clock = null)
    {
        var context = await GitHubTestContext.StartAsync(clock: clock);
        context.Fake.AddRepository("octo/app");
        return context;
    }

    [Test]
    public async Task Token_is_minted_once_and_reused()
    {
        await using var context = await StartWithRepoAsync();
        await context.Client.GetRepositoryAsync("octo", "app");
        await context.Client.GetRepositoryAsync("octo", "app");
        await context.App.ForInstallation(FakeGitHubServer.DefaultInstallationId).GetRepositoryAsync("octo", "app");

        Assert.That(context.Fake.TokensIssued, Is.EqualTo(1));
        Assert.That(context.Fake.Calls.For("POST /app/installations/{id}/access_tokens"), Is.EqualTo(1));
    }

    [Test]
    public async Task Token_is_refreshed_five_minutes_before_it_expires()
    {
        var clock = new ManualClock();
        await using var context = await StartWithRepoAsync(clock);
        await context.Client.GetRepositoryAsync("octo", "app");

        clock.Advance(TimeSpan.FromMinutes(54));
        await context.Client.GetRepositoryAsync("octo", "app");
        Assert.That(context.Fake.TokensIssued, Is.EqualTo(1), "still 6 minutes left");

        clock.Advance(TimeSpan.FromMinutes(2));
        await context.Client.GetRepositoryAsync("octo", "app");
        Assert.That(context.Fake.TokensIssued, Is.EqualTo(2), "inside the 5-minute margin");
    }

    [Test]
    public async Task Invalidate_forces_a_new_token()
    {
        await using var context = await StartWithRepoAsync();
        await context.Client.GetRepositoryAsync("octo", "app");
        context.App.Tokens.Invalidate(FakeGitHubServer.DefaultInstallationId);
        await context.Client.GetRepositoryAsync("octo", "app");

        Assert.That(context.Fake.TokensIssued, Is.EqualTo(2));
        Assert.That(context.App.Tokens.TokensMinted, Is.EqualTo(2));
    }

    [Test]
    public async Task Suspended_installation_fails_clearly_and_keeps_failing()
    {
        await using var context = await StartWithRepoAsync();
        context.Fake.SuspendInstallation(FakeGitHubServer.DefaultInstallationId);

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetRepositoryAsync("octo", "app"));
        Assert.That(error!.StatusCode, Is.EqualTo(403));
        Assert.That(error.Path, Is.EqualTo("/app/installations/1/access_tokens"));
    }

    [Test]
    public async Task Jwt_signed_with_another_key_is_rejected_by_github()
    {
        using var otherKey = TestAppKey.Generate();
        await using var context = await GitHubTestContext.StartAsync(configure: o => o.PrivateKeyPem = otherKey.PrivateKeyPkcs8Pem);
        context.Fake.AddRepository("octo/app");

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetRepositoryAsync("octo", "app"));
        Assert.That(error!.StatusCode, Is.EqualTo(401));
        Assert.That(error.Message, Does.Contain("signature"));
        Assert.That(context.Fake.TokensIssued, Is.Zero);
    }

    [Test]
    public async Task Concurrent_callers_share_one_mint()
    {
        await using var context = await StartWithRepoAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => context.Client.GetRepositoryAsync("octo", "app")));

        Assert.That(context.Fake.TokensIssued, Is.EqualTo(1));
    }
}
