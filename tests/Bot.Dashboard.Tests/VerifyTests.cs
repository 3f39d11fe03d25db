using Bot.Dashboard.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Bot.Dashboard.Tests;

/// <summary>The Verify page: intact chains, then a record changed behind the bot's back and the break it shows.</summary>
public sealed class VerifyTests
{
    [Test]
    public async Task Verify_after_tampering_with_a_record_shows_the_break()
    {
        await using var site = await DashboardSite.StartAsync();
        await AuditPopulation.SeedAsync(site.Bot.Store);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await browser.SignInAsync(site, DashboardSite.Carol, "/dashboard/verify");
        var verify = page.GetByRole(AriaRole.Button, new() { Name = "Verify every chain now" });

        var first = await browser.ClickAndWaitAsync(verify);
        Assert.That(first?.Status, Is.EqualTo(200));
        Assert.That(await page.Locator("[data-result]").GetAttributeAsync("data-result"), Is.EqualTo("intact"));
        Assert.That(await page.Locator("tr[data-chain]").CountAsync(), Is.EqualTo(4), "decisions, changes, overrides, merge group decisions");
        // The line bot checkpoint prints, which names the decisions chain's head (whatever else a later format adds).
        var decisionsHead = await page.Locator("tr[data-chain='decisions'] code.hash").InnerTextAsync();
        Assert.That(decisionsHead, Does.Match("^[0-9a-f]{64}$"));
        await Assert.ThatAsync(() => page.Locator("[data-figure='checkpoint']").InnerTextAsync(), Does.Contain(decisionsHead));

        // Someone with the file changes a change's title with plain SQL, past the append-only trigger.
        using (var connection = new SqliteConnection($"Data Source={site.Bot.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER changes_no_update; UPDATE changes SET title = 'Nothing to see here' WHERE seq = 7;";
            command.ExecuteNonQuery();
        }
        var second = await browser.ClickAndWaitAsync(verify);

        Assert.That(second?.Status, Is.EqualTo(200));
        Assert.That(await page.Locator("[data-result]").GetAttributeAsync("data-result"), Is.EqualTo("broken"));
        var changes = page.Locator("tr[data-chain='changes']");
        Assert.That(await changes.GetAttributeAsync("data-ok"), Is.EqualTo("false"));
        await Assert.ThatAsync(() => changes.InnerTextAsync(), Does.Contain("broken at seq 7"));
        Assert.That(await page.Locator("tr[data-chain='decisions']").GetAttributeAsync("data-ok"), Is.EqualTo("true"));
        await browser.ScreenshotAsync("verify-broken");

        // The Overview says so too.
        await page.GotoAsync(site.Url("/dashboard"));
        await Assert.ThatAsync(() => page.Locator("[data-figure='chains']").InnerTextAsync(), Is.EqualTo("Broken"));
    }
}
