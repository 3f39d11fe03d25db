using Bot.FakeGitHub;
using Bot.GitHub.Rest;
using Bot.GitHub.Tests.Support;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

public class RequestShapeTests
{
    [Test]
    public async Task Every_call_sends_user_agent_accept_api_version_and_a_bearer_credential()
    {
        await using var context = await GitHubTestContext.StartAsync();
        context.Fake.AddRepository("octo/app");
        context.Fake.AddPullRequest("octo/app", 1, new FakeUser(1, "a"), "h");
        await context.Client.GetPullRequestAsync("octo", "app", 1);
        await context.Client.CreateCheckRunAsync("octo", "app", new CheckRunRequest { Name = "n", HeadSha = "h" });

        var requests = context.Fake.Calls.Requests;
        Assert.That(requests, Has.Count.EqualTo(3), "token, pull, check run");
        Assert.That(requests.Select(r => r.UserAgent), Is.All.EqualTo("bot-tests/1.0"));
        Assert.That(requests.Select(r => r.Accept), Is.All.EqualTo("application/vnd.github+json"));
        Assert.That(requests.Select(r => r.ApiVersion), Is.All.EqualTo("2022-11-28"));
        Assert.That(requests.Select(r => r.AuthorizationScheme), Is.All.EqualTo("Bearer"));
    }

    [Test]
    public async Task Enterprise_server_base_url_keeps_the_api_v3_prefix()
    {
        await using var context = await GitHubTestContext.StartAsync(pathPrefix: "/api/v3");
        Assert.That(context.Fake.BaseUrl.AbsolutePath, Is.EqualTo("/api/v3"));
        context.Fake.AddRepository("octo/app");
        var pr = context.Fake.AddPullRequest("octo/app", 1, new FakeUser(1, "a"), "h");
        for (var i = 0; i < 150; i++)
        {
            context.Fake.AddCommit(pr, $"c{i}", "m", null);
        }

        var commits = await context.Client.ListPullRequestCommitsAsync("octo", "app", 1);

        Assert.That(commits, Has.Count.EqualTo(150));
        Assert.That(context.Fake.Calls.Requests.Select(r => r.Path), Is.All.StartWith("/api/v3/"));
        Assert.That(context.Fake.Calls.Requests.Select(r => r.StatusCode), Is.All.EqualTo(200).Or.EqualTo(201));
    }

    [TestCase("https://api.github.com", "https://api.github.com/repos/o/r")]
    [TestCase("https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/repos/o/r")]
    [TestCase("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3/repos/o/r")]
    public void Base_url_is_joined_without_losing_its_path(string baseUrl, string expected)
    {
        using var http = new HttpClient();
        var transport = new GitHubTransport(http, new Uri(baseUrl), "ua");
        Assert.That(transport.Resolve("/repos/o/r").AbsoluteUri, Is.EqualTo(expected));
    }

    [Test]
    public void Link_header_next_is_taken_verbatim()
    {
        var header = "<https://api.github.com/repositories/1/pulls/2/commits?per_page=100&page=2>; rel=\"next\", " +
                     "<https://api.github.com/repositories/1/pulls/2/commits?per_page=100&page=3>; rel=\"last\"";
        Assert.That(LinkHeader.Find([header], "next")!.AbsoluteUri,
            Is.EqualTo("https://api.github.com/repositories/1/pulls/2/commits?per_page=100&page=2"));
        Assert.That(LinkHeader.Find([header], "prev"), Is.Null);
    }
}
