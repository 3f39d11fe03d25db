using System.Net;
using System.Net.Http.Headers;
using Bot.Tests.Support;

namespace Bot.Tests.Population;

/// <summary><c>GET /api/export</c> on the running service: bearer token from configuration, off without one.</summary>
public sealed class ExportEndpointTests
{
    private const string Token = "export-token-0123456789abcdefghijklmnop";
    private const string Query = "/api/export?from=2024-01-01&to=2030-12-31&format=json";

    private static async Task<HttpResponseMessage> GetAsync(BotUnderTest bot, string? token, string path = Query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await bot.Http.SendAsync(request);
    }

    [Test]
    public async Task Refuses_a_missing_or_wrong_token_and_serves_the_right_one()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Export:ApiToken"] = Token });
        using var missing = await GetAsync(bot, null);
        using var wrong = await GetAsync(bot, Token + "x");
        using var right = await GetAsync(bot, Token);
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(missing.Headers.WwwAuthenticate.ToString(), Is.EqualTo("Bearer"));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), await right.Content.ReadAsStringAsync());
        Assert.That(right.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var body = System.Text.Json.JsonDocument.Parse(await right.Content.ReadAsStringAsync()).RootElement;
        Assert.That(body.GetProperty("completeness").GetProperty("population").GetInt64(), Is.Zero);
    }

    [Test]
    public async Task Bad_query_is_a_400_with_the_reason()
    {
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?> { ["Export:ApiToken"] = Token });
        using var response = await GetAsync(bot, Token, "/api/export?from=2024-13-01&to=2024-12-31");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("2024-13-01"));
    }

    [Test]
    public async Task Without_a_configured_token_the_endpoint_is_off()
    {
        await using var bot = await BotUnderTest.StartAsync();
        using var response = await GetAsync(bot, "anything");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
