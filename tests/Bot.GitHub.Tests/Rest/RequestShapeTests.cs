using Bot.GitHub.Rest;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Rest;

public class RequestShapeTests
{
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
