using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

public class ContentsTests
{
    [Test]
    public async Task File_text_is_decoded_from_base64_with_embedded_newlines()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        var text = "version: 1\n# Ünïcode — long enough to wrap the base64 over several 60-character lines\n" + new string('x', 300) + "\n";
        context.Fake.SetContent("octo/app", ".github/ai-compliance.yml", "main", text);

        var file = await context.Client.GetFileAsync("octo", "app", ".github/ai-compliance.yml", "main");

        Assert.That(file, Is.Not.Null);
        Assert.That(file!.Text, Is.EqualTo(text));
        Assert.That(file.Path, Is.EqualTo(".github/ai-compliance.yml"));
        Assert.That(file.Sha, Has.Length.EqualTo(40));
        var request = context.Fake.Calls.Requests.Single(r => r.Route.Contains("/contents/", StringComparison.Ordinal));
        Assert.That(request.Path, Is.EqualTo("/repos/octo/app/contents/.github/ai-compliance.yml"));
        Assert.That(request.Query, Does.Contain("ref=main"));
    }

    [Test]
    public async Task Ref_selects_the_version_and_a_slash_in_the_ref_is_escaped()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.SetContent("octo/app", "policy.yml", "release/1.0", "release");
        context.Fake.SetContent("octo/app", "policy.yml", null, "default");

        var release = await context.Client.GetFileAsync("octo", "app", "policy.yml", "release/1.0");
        var byDefault = await context.Client.GetFileAsync("octo", "app", "policy.yml", null);

        Assert.That(release!.Text, Is.EqualTo("release"));
        Assert.That(byDefault!.Text, Is.EqualTo("default"));
    }

    [Test]
    public async Task Missing_file_is_null_so_the_caller_can_fall_back()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.SetContent("octo/app", "policy.yml", "other-branch", "x");

        Assert.That(await context.Client.GetFileAsync("octo", "app", ".github/ai-compliance.yml", "main"), Is.Null);
        Assert.That(await context.Client.GetFileAsync("octo", "app", "policy.yml", "main"), Is.Null);
    }

    [Test]
    public async Task Directory_is_a_clear_error_not_a_file()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.SetContent("octo/app", ".github/a.yml", null, "x");

        var error = Assert.ThrowsAsync<GitHubApiException>(() => context.Client.GetFileAsync("octo", "app", ".github", null));
        Assert.That(error!.Message, Does.Contain("is a directory"));
    }
}
