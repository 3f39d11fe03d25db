using System.Net;
using System.Net.Http.Headers;
using Bot.Cli;
using Bot.Tests.Support;

namespace Bot.Tests.Population;

/// <summary><c>GET /api/export</c> answers every bad parameter with 400 and a plain-text reason, never an empty 500.</summary>
public sealed class ExportEndpointValidationTests
{
    private const string Token = "export-validation-token-0123456789abcdef";
    private BotUnderTest _bot = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Export:ApiToken"] = Token });

    [OneTimeTearDown]
    public async Task StopAsync() => await _bot.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/export?" + query);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return await _bot.Http.SendAsync(request);
    }

    [TestCase("from=2024-01-01&to=9999-12-31", "to 9999-12-31 is past the last day an export can cover (9999-12-30)")]
    [TestCase("from=9999-12-31&to=9999-12-31", "9999-12-31 is past the last day")]
    [TestCase("to=2024-12-31", "from is required")]
    [TestCase("from=2024-01-01", "to is required")]
    [TestCase("from=2024-02-30&to=2024-12-31", "from '2024-02-30' is not a date")]
    [TestCase("from=2024-1-1&to=2024-12-31", "from '2024-1-1' is not a date")]
    [TestCase("from=2024-12-31&to=2024-01-01", "is before")]
    [TestCase("from=2024-01-01&to=2024-12-31&format=xml", "format 'xml' is not one of csv, json, md")]
    [TestCase("from=2024-01-01&to=2024-12-31&sample=-1&seed=s", "sample '-1' is not a whole number")]
    [TestCase("from=2024-01-01&to=2024-12-31&sample=99999999999&seed=s", "sample '99999999999' is not a whole number")]
    [TestCase("from=2024-01-01&to=2024-12-31&sample=0&seed=s", "--sample must be at least 1")]
    [TestCase("from=2024-01-01&to=2024-12-31&sample=2", "--sample needs --seed")]
    [TestCase("from=2024-01-01&to=2024-12-31&seed=s", "--seed and --stratify only apply with --sample")]
    [TestCase("from=2024-01-01&to=2024-12-31&sample=2&seed=s&stratify=size", "stratify 'size' is not supported")]
    [TestCase("from=2024-01-01&to=2024-12-31&repo=acme", "--repo 'acme' is not OWNER/NAME")]
    [TestCase("from=2024-01-01&to=2024-12-31&repos=acme/app", "unknown parameter 'repos'")]
    [TestCase("from=2024-01-01&from=2024-06-01&to=2024-12-31", "from is given 2 times")]
    public async Task A_bad_parameter_is_a_400_with_a_plain_text_reason(string query, string reason)
    {
        using var response = await GetAsync(query);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(reason));
    }

    [Test]
    public async Task The_last_day_an_export_can_cover_and_repeated_repositories_are_accepted()
    {
        using var response = await GetAsync("from=2024-01-01&to=9999-12-30&repo=acme/app&repo=acme/web&format=json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_command_line_refuses_the_same_date_as_bad_input()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await BotCli.RunAsync(["export", "--db", _bot.DatabasePath, "--from", "2024-01-01", "--to", "9999-12-31"], output, error);

        Assert.That(code, Is.EqualTo(ExitCodes.BadInput));
        Assert.That(error.ToString(), Does.StartWith("error: --to 9999-12-31 is past the last day an export can cover"));
    }
}
