using System.Globalization;
using Bot.Dashboard.Tests.Support;
using Bot.Evidence.Changes;
using Microsoft.Playwright;

namespace Bot.Dashboard.Tests;

/// <summary>Who gets in: sign-in with GitHub in a real browser, the allow-list by login and by team, the 403 page, the
/// re-check that follows sign-in, and that GitHub's tokens stay out of addresses and logs.</summary>
public sealed class SignInTests
{
    [Test]
    public async Task A_team_member_signs_in_and_sees_the_seeded_counts()
    {
        await using var site = await DashboardSite.StartAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" });
        var population = await AuditPopulation.SeedAsync(site.Bot.Store);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;

        var landed = await browser.SignInAsync(site, DashboardSite.Carol, "/dashboard");
        Assert.That(landed?.Status, Is.EqualTo(200));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/dashboard"));
        await Assert.ThatAsync(() => page.Locator(".account").InnerTextAsync(), Does.Contain("carol"));

        // The quarter of the seeded changes, chosen in the form as a person would.
        await page.GetByLabel("From").FillAsync(AuditPopulation.From);
        await page.GetByLabel("To (included)").FillAsync(AuditPopulation.To);
        await browser.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Show" }));

        Assert.That(await Figure(page, "population"), Is.EqualTo(population.Population.ToString("N0", CultureInfo.InvariantCulture)));
        Assert.That(await Figure(page, "ai-assisted"), Is.EqualTo(population.AiAssisted.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await Figure(page, "with-gaps"), Is.EqualTo(population.WithGaps.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await Figure(page, "overrides"), Is.EqualTo("1"));
        foreach (var code in new[] { FindingCodes.MissingDecision, FindingCodes.DecisionNotSuccess, FindingCodes.DeclarationLostOnMerge, FindingCodes.NoPullRequest })
        {
            Assert.That(await page.Locator($"tr[data-finding='{code}'] td").InnerTextAsync(), Is.EqualTo(population.WithFinding(code).ToString(CultureInfo.InvariantCulture)), code);
        }
        // The weekly chart is drawn on the server: one bar group per week of the quarter (14, Monday-based), no script.
        Assert.That(await page.Locator("figure.chart svg g.week").CountAsync(), Is.EqualTo(14));
        Assert.That(await page.Locator("script").CountAsync(), Is.Zero);
        await browser.ScreenshotAsync("overview");

        // Tokens never travel in an address or reach the log; the App's client secret neither.
        var tokens = site.GitHub.IssuedUserTokens;
        Assert.That(tokens, Has.Count.EqualTo(1));
        var logged = string.Join("\n", site.Bot.Log.Entries.Select(e => e.Message));
        Assert.That(logged, Does.Contain("Dashboard sign-in by carol"), "the log is captured at Trace level");
        Assert.That(logged, Does.Not.Contain(tokens[0]));
        Assert.That(logged, Does.Not.Contain(Bot.FakeGitHub.FakeGitHubServer.OAuthClientSecret));
        var addresses = string.Join("\n", site.GitHub.Calls.Requests.Select(c => c.Path + c.Query));
        Assert.That(addresses, Does.Not.Contain(tokens[0]));
        Assert.That(page.Url, Does.Not.Contain(tokens[0]));
    }

    [Test]
    public async Task Someone_neither_listed_nor_in_a_listed_team_gets_403()
    {
        await using var site = await DashboardSite.StartAsync();
        await AuditPopulation.SeedAsync(site.Bot.Store);
        await using var browser = await Browser.LaunchAsync();

        var landed = await browser.SignInAsync(site, DashboardSite.Mallory, "/dashboard/changes");

        Assert.That(landed?.Status, Is.EqualTo(403));
        await Assert.ThatAsync(() => browser.Page.Locator("h1").InnerTextAsync(), Does.Contain("not open to mallory"));
        Assert.That(await browser.Page.Locator("nav.sections").CountAsync(), Is.Zero, "no way into the evidence from the 403 page");
        await browser.ScreenshotAsync("denied");
        // Nor by typing an address: every page and download answers 403.
        var direct = await browser.Page.GotoAsync(site.Url($"/dashboard/sample/export?from={AuditPopulation.From}&to={AuditPopulation.To}&format=csv"));
        Assert.That(direct?.Status, Is.EqualTo(403));
    }

    [Test]
    public async Task A_listed_login_signs_in_without_any_team()
    {
        await using var site = await DashboardSite.StartAsync();
        await using var browser = await Browser.LaunchAsync();

        var landed = await browser.SignInAsync(site, DashboardSite.Alice, "/dashboard/verify");

        Assert.That(landed?.Status, Is.EqualTo(200));
        Assert.That(new Uri(browser.Page.Url).AbsolutePath, Is.EqualTo("/dashboard/verify"), "back where the visit started");
    }

    [Test]
    public async Task Removed_from_the_team_the_next_request_after_the_recheck_gets_403()
    {
        // A re-check on every request instead of every 15 minutes, so the test need not wait.
        await using var site = await DashboardSite.StartAsync(new Dictionary<string, string?> { ["Dashboard:RecheckMinutes"] = "0" });
        await using var browser = await Browser.LaunchAsync();
        var landed = await browser.SignInAsync(site, DashboardSite.Carol, "/dashboard");
        Assert.That(landed?.Status, Is.EqualTo(200));

        site.GitHub.RemoveTeamMember("acme", "compliance", DashboardSite.Carol.Login);
        var after = await browser.Page.GotoAsync(site.Url("/dashboard/changes"));

        Assert.That(after?.Status, Is.EqualTo(403));
        Assert.That(site.GitHub.Calls.For("GET /orgs/{org}/teams/{team}/memberships/{username}"), Is.GreaterThanOrEqualTo(2),
            "membership was asked at sign-in and again");
    }

    [Test]
    public async Task Cancelling_at_GitHub_returns_to_the_sign_in_page_with_a_message()
    {
        await using var site = await DashboardSite.StartAsync();
        await using var browser = await Browser.LaunchAsync();

        var landed = await browser.SignInAsync(site, null!, "/dashboard");

        Assert.That(new Uri(browser.Page.Url).AbsolutePath, Is.EqualTo("/dashboard/signin"));
        await Assert.ThatAsync(() => browser.Page.GetByRole(AriaRole.Alert).InnerTextAsync(), Does.Contain("cancelled at GitHub"));
        Assert.That(landed?.Status, Is.EqualTo(200));
    }

    private static Task<string> Figure(IPage page, string name) => page.Locator($"[data-figure='{name}']").InnerTextAsync();
}
