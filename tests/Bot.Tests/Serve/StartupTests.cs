using Bot.Serve;
using Bot.Tests.Support;

namespace Bot.Tests.Serve;

public sealed class StartupTests
{
    [Test]
    public void The_service_refuses_to_start_without_secret_app_id_and_key_naming_each()
    {
        var error = Assert.Throws<MissingConfigurationException>(() => StartupCheck.Require(new GitHubOptions()));

        Assert.That(error!.Message, Does.Contain("GitHub:WebhookSecret"));
        Assert.That(error.Message, Does.Contain("GitHub:AppId"));
        Assert.That(error.Message, Does.Contain("GitHub:PrivateKeyPath or GitHub:PrivateKey"));
    }

    [Test]
    public void A_key_path_that_does_not_exist_is_named()
    {
        var error = Assert.Throws<MissingConfigurationException>(() => StartupCheck.Require(new GitHubOptions
        {
            WebhookSecret = "s", AppId = "1", PrivateKeyPath = "/nonexistent/key.pem",
        }));

        Assert.That(error!.Missing, Has.Count.EqualTo(1));
        Assert.That(error.Message, Does.Contain("/nonexistent/key.pem"));
    }

    [Test]
    public void Secrets_listed_for_a_rotation_stand_in_for_the_webhook_secret()
    {
        var github = new GitHubOptions { AppId = "1", PrivateKey = "-----BEGIN", WebhookSecrets = ["old", "new"] };

        Assert.DoesNotThrow(() => StartupCheck.Require(github));
        Assert.That(github.AllWebhookSecrets(), Is.EqualTo(new[] { "old", "new" }));
    }

    [Test]
    public async Task Explicit_urls_beside_the_container_images_http_ports_start_without_an_overriding_warning()
    {
        // The ASP.NET images set ASPNETCORE_HTTP_PORTS=8080; BotUnderTest gives --urls, as an operator would.
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["http_ports"] = "8080" });

        Assert.That(bot.Log.Entries.Select(e => e.Message), Has.None.Contains("Overriding HTTP_PORTS"));
        Assert.That((await bot.Http.GetAsync("/healthz")).IsSuccessStatusCode, Is.True, "listening where --urls says");
    }

    [Test]
    public void The_service_and_the_github_client_send_the_same_user_agent_by_default()
    {
        Assert.That(new GitHubOptions().UserAgent, Is.EqualTo(new Bot.GitHub.GitHubAppOptions().UserAgent).And.EqualTo("ai-change-control-bot"));
    }

    [Test]
    public void A_complete_configuration_passes()
    {
        Assert.DoesNotThrow(() => StartupCheck.Require(new GitHubOptions { WebhookSecret = "s", AppId = "1", PrivateKey = "-----BEGIN" }));
    }
}
