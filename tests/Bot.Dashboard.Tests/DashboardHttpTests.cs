using System.Net;
using System.Text.RegularExpressions;
using Bot.Dashboard.Http;
using Bot.Dashboard.Tests.Support;
using Bot.FakeGitHub;
using Bot.Serve;
using Bot.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Bot.Dashboard.Tests;

/// <summary>The dashboard over plain HTTP, no browser: off without an allow-list, what an anonymous visitor gets, the
/// headers, antiforgery, the OAuth request sent to GitHub, a forged callback, and the settings it refuses to start without.</summary>
public sealed partial class DashboardHttpTests
{
    [Test]
    public async Task Without_an_allow_list_the_dashboard_does_not_exist()
    {
        await using var bot = await BotUnderTest.StartAsync();
        foreach (var path in new[] { "/dashboard", "/dashboard/signin", "/dashboard/changes", "/dashboard/assets/dashboard.css", "/dashboard/sample/export" })
        {
            using var response = await bot.Http.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
        }
    }

    [Test]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page_which_carries_the_security_headers()
    {
        await using var site = await DashboardSite.StartAsync();
        using var http = Client(site, out _);

        using var changes = await http.GetAsync("/dashboard/changes?ai=yes");
        Assert.That(changes.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(changes.Headers.Location?.ToString(), Is.EqualTo("http://" + site.BaseUrl.Authority + "/dashboard/signin?returnUrl=%2Fdashboard%2Fchanges%3Fai%3Dyes"));
        using var download = await http.GetAsync("/dashboard/sample/export?from=2025-01-01&to=2025-03-31");
        Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.Found), "no download without signing in");

        using var signIn = await http.GetAsync("/dashboard/signin");
        var html = await signIn.Content.ReadAsStringAsync();
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var policy = signIn.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(policy, Does.Contain("default-src 'none'").And.Contain("frame-ancestors 'none'").And.Contain("style-src 'self'"));
        Assert.That(policy, Does.Not.Contain("unsafe-inline").And.Not.Contain("script-src"));
        Assert.That(signIn.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(signIn.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(signIn.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        Assert.That(signIn.Headers.CacheControl?.NoStore, Is.True);
        Assert.That(html, Does.Not.Contain("<script").And.Not.Match(@"\sstyle\s*="), "nothing the policy would block");

        using var css = await http.GetAsync("/dashboard/assets/dashboard.css");
        Assert.That(css.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(css.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/css"));
    }

    [Test]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        await using var site = await DashboardSite.StartAsync();
        using var http = Client(site, out _);

        using var response = await http.PostAsync("/dashboard/signin", new FormUrlEncodedContent([]));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(site.GitHub.Calls.Total, Is.Zero);
    }

    [Test]
    public async Task Signing_in_sends_the_browser_to_GitHub_with_state_and_PKCE_and_never_the_secret()
    {
        await using var site = await DashboardSite.StartAsync();
        using var http = Client(site, out _);
        using var page = await http.GetAsync("/dashboard/signin?returnUrl=%2Fdashboard%2Fverify");
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryField().Match(html).Groups[1].Value;
        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);

        using var posted = await http.PostAsync(action, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var location = posted.Headers.Location!;
        Assert.That(location.GetLeftPart(UriPartial.Path), Is.EqualTo(site.GitHub.BaseUrl.ToString().TrimEnd('/') + "/login/oauth/authorize"));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.That(query["client_id"].ToString(), Is.EqualTo(FakeGitHubServer.OAuthClientId));
        Assert.That(query["redirect_uri"].ToString(), Is.EqualTo($"http://{site.BaseUrl.Authority}/dashboard/signin-github"));
        Assert.That(query["state"].ToString(), Is.Not.Empty);
        Assert.That(query["code_challenge_method"].ToString(), Is.EqualTo("S256"));
        Assert.That(location.ToString(), Does.Not.Contain(FakeGitHubServer.OAuthClientSecret));
    }

    [Test]
    public async Task Behind_a_TLS_proxy_the_public_address_gives_an_https_callback_and_secure_cookies()
    {
        await using var site = await DashboardSite.StartAsync(new Dictionary<string, string?> { ["Dashboard:PublicUrl"] = "https://dashboard.example.com" });
        // The proxy speaks plain HTTP to the service; cookies are set by hand, as a client would send them back over HTTPS.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = site.BaseUrl };
        using var page = await http.GetAsync("/dashboard/signin");
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("bot-dashboard-antiforgery=", StringComparison.Ordinal));
        Assert.That(antiforgery, Does.Contain("secure").IgnoreCase);
        Assert.That(page.Headers.GetValues("Strict-Transport-Security").Single(), Does.StartWith("max-age="));
        var html = await page.Content.ReadAsStringAsync();

        using var post = new HttpRequestMessage(HttpMethod.Post, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value))
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryField().Match(html).Groups[1].Value)]),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var posted = await http.SendAsync(post);

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(posted.Headers.Location!.Query);
        Assert.That(query["redirect_uri"].ToString(), Is.EqualTo("https://dashboard.example.com/dashboard/signin-github"));
        Assert.That(posted.Headers.GetValues("Set-Cookie"), Has.Some.Contains("secure").IgnoreCase, "the sign-in's correlation cookie");
    }

    [Test]
    public async Task A_callback_that_this_browser_did_not_start_signs_nobody_in()
    {
        await using var site = await DashboardSite.StartAsync();
        using var http = Client(site, out var cookies);

        using var forged = await http.GetAsync("/dashboard/signin-github?code=stolen&state=forged");

        Assert.That(forged.StatusCode, Is.EqualTo(HttpStatusCode.Found));
        Assert.That(forged.Headers.Location?.ToString(), Is.EqualTo("/dashboard/signin?failed=true"));
        Assert.That(cookies.GetCookies(site.BaseUrl).Any(c => c.Name == "bot-dashboard"), Is.False);
        Assert.That(site.GitHub.IssuedUserTokens, Is.Empty, "the code was never exchanged");
    }

    [TestCase("GitHub:ClientId", "GitHub:ClientId")]
    [TestCase("GitHub:ClientSecret", "GitHub:ClientSecret")]
    public void The_service_refuses_to_start_with_the_dashboard_on_and_no_client_credentials(string missing, string named)
    {
        var settings = Settings();
        settings.Remove(missing);

        var error = Assert.Throws<MissingConfigurationException>(() => ServeHost.Build([], b => AddSettings(b, settings)));

        Assert.That(error!.Message, Does.Contain(named));
    }

    [Test]
    public void The_service_refuses_an_allow_list_entry_that_is_neither_a_login_nor_a_team()
    {
        var settings = Settings();
        settings["Dashboard:Allowed:0"] = "@acme";

        var error = Assert.Throws<MissingConfigurationException>(() => ServeHost.Build([], b => AddSettings(b, settings)));

        Assert.That(error!.Message, Does.Contain("'@acme' is not @org/team"));
    }

    [Test]
    public async Task Plain_HTTP_from_another_host_is_refused_and_loopback_is_served()
    {
        var served = 0;
        Task Next(HttpContext _)
        {
            served++;
            return Task.CompletedTask;
        }
        var remote = new DefaultHttpContext();
        remote.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        remote.Response.Body = new MemoryStream();
        var local = new DefaultHttpContext();
        local.Connection.RemoteIpAddress = IPAddress.Loopback;
        var secure = new DefaultHttpContext();
        secure.Connection.RemoteIpAddress = IPAddress.Parse("10.1.2.3");
        secure.Request.Scheme = "https";

        await HttpsOnly.InvokeAsync(remote, Next);
        await HttpsOnly.InvokeAsync(local, Next);
        await HttpsOnly.InvokeAsync(secure, Next);

        Assert.That(remote.Response.StatusCode, Is.EqualTo(403));
        Assert.That(served, Is.EqualTo(2));
    }

    private static HttpClient Client(DashboardSite site, out CookieContainer cookies)
    {
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = site.BaseUrl };
    }

    private static Dictionary<string, string?> Settings()
    {
        var folder = Path.Combine(Path.GetTempPath(), "dashboard-start-" + Guid.NewGuid().ToString("N"));
        return new Dictionary<string, string?>
        {
            ["GitHub:AppId"] = "1",
            ["GitHub:PrivateKey"] = TestAppKey.Shared.PrivateKeyPkcs8Pem,
            ["GitHub:WebhookSecret"] = "secret",
            ["Evidence:DatabasePath"] = Path.Combine(folder, "bot.db"),
            // Versions that require a chain key unless told otherwise: these tests are about the dashboard's settings.
            ["Evidence:AllowUnkeyedChain"] = "true",
            ["Dashboard:Allowed:0"] = "alice",
            ["GitHub:ClientId"] = "Iv1.abc",
            ["GitHub:ClientSecret"] = "shh",
        };
    }

    private static void AddSettings(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder, Dictionary<string, string?> settings) =>
        Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(builder.Configuration, settings);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<form method=\"post\" action=\"([^\"]+)\"")]
    private static partial Regex FormAction();
}
