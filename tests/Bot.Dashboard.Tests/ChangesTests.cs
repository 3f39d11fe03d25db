using System.Globalization;
using Bot.Dashboard.Tests.Support;
using Bot.Evidence.Changes;
using Microsoft.Playwright;

namespace Bot.Dashboard.Tests;

/// <summary>The Changes table and a change's page, in a real browser without JavaScript.</summary>
public sealed class ChangesTests
{
    private const string Quarter = $"from={AuditPopulation.From}&to={AuditPopulation.To}";

    [Test]
    public async Task Filtering_changes_narrows_the_table_and_the_pages_walk_all_of_them()
    {
        await using var site = await DashboardSite.StartAsync();
        var population = await AuditPopulation.SeedAsync(site.Bot.Store);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await browser.SignInAsync(site, DashboardSite.Alice, "/dashboard/changes?" + Quarter);

        // Every change of the quarter, 50 a page, newest first, each once.
        Assert.That(await Matching(page), Is.EqualTo(population.Population));
        var seen = new List<long>();
        while (true)
        {
            seen.AddRange(await Seqs(page));
            var older = page.GetByRole(AriaRole.Link, new() { Name = "Older →" });
            if (await older.CountAsync() == 0)
            {
                break;
            }
            await browser.ClickAndWaitAsync(older);
        }
        Assert.That(seen, Has.Count.EqualTo(population.Population));
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.Ordered.Descending, "appended in merge order, so newest first is highest seq first");

        // AI-assisted direct pushes of acme/payments, chosen in the form.
        await page.GetByLabel("Repositories").SelectOptionAsync(["acme/payments"]);
        await page.GetByLabel("AI-assisted").SelectOptionAsync(["yes"]);
        await page.GetByLabel("Finding").SelectOptionAsync(new SelectOptionValue { Label = "Direct push" });
        var filtered = await browser.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Filter" }));

        Assert.That(filtered?.Status, Is.EqualTo(200));
        var expected = population.InPeriod.Where(c => c.Repository == "acme/payments" && c.AiAssisted && c.Findings.Any(f => f.Code == FindingCodes.NoPullRequest)).ToList();
        Assert.That(expected, Is.Not.Empty);
        Assert.That(await Matching(page), Is.EqualTo(expected.Count));
        Assert.That(await page.Locator("table.changes tbody tr").CountAsync(), Is.EqualTo(expected.Count));
        Assert.That(await page.Locator("table.changes tbody tr td:nth-child(2)").AllInnerTextsAsync(), Is.All.EqualTo("acme/payments"));
        Assert.That(page.Url, Does.Contain("ai=yes").And.Contain("finding=no_pull_request").And.Contain("repo=acme%2Fpayments"));
        await browser.ScreenshotAsync("changes-filtered");

        // Gaps of one kind straight from the Overview's table.
        await page.GotoAsync(site.Url("/dashboard?" + Quarter));
        await browser.ClickAndWaitAsync(page.Locator($"tr[data-finding='{FindingCodes.MissingDecision}'] a"));
        Assert.That(await Matching(page), Is.EqualTo(population.WithFinding(FindingCodes.MissingDecision)));
    }

    [Test]
    public async Task A_change_with_an_override_shows_its_decisions_the_override_and_its_evidence()
    {
        await using var site = await DashboardSite.StartAsync();
        var population = await AuditPopulation.SeedAsync(site.Bot.Store);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await browser.SignInAsync(site, DashboardSite.Carol, "/dashboard/changes?override=yes&" + Quarter);

        Assert.That(await Matching(page), Is.EqualTo(1));
        var opened = await browser.ClickAndWaitAsync(page.Locator("table.changes tbody tr th a"));

        Assert.That(opened?.Status, Is.EqualTo(200));
        Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo($"/dashboard/changes/{population.OverrideChangeSeq}"));
        await Assert.ThatAsync(() => page.Locator("h1").InnerTextAsync(), Does.StartWith($"#{AuditPopulation.OverrideNumber}"));
        var approved = page.Locator("[data-override='in-force']");
        await Assert.ThatAsync(() => approved.InnerTextAsync(), Does.Contain("carol").And.Contain(AuditPopulation.OverrideReason));

        // Its evaluations over time: failed on the declaration, then overridden by carol, which was in force at merge.
        var evaluations = page.Locator("li.evaluation");
        Assert.That(await evaluations.CountAsync(), Is.EqualTo(2));
        await Assert.ThatAsync(() => evaluations.Nth(0).InnerTextAsync(), Does.Contain("failure").And.Contain("declaration"));
        await Assert.ThatAsync(() => evaluations.Nth(1).InnerTextAsync(), Does.Contain("Overridden by @carol").And.Contain("in force at merge"));
        // Why bob's approval counted, in the evaluator's words.
        await Assert.ThatAsync(() => evaluations.Nth(1).Locator("table", new() { HasText = "Approvals" }).InnerTextAsync(), Does.Contain("bob").And.Contain("qualifies"));

        // The override record of the pull request, the change's place in the chain, and the links to GitHub.
        await Assert.ThatAsync(() => page.Locator("section", new() { HasText = "Overrides of this pull request" }).InnerTextAsync(),
            Does.Contain("override").And.Contain("carol").And.Contain("declaration"));
        Assert.That(await page.Locator("[data-figure='evidence-seq']").InnerTextAsync(), Is.EqualTo(population.OverrideChangeSeq.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await page.Locator("[data-figure='evidence-hash']").InnerTextAsync(), Is.EqualTo(population.OverrideChangeHash));
        var web = site.GitHub.BaseUrl.ToString().TrimEnd('/');
        Assert.That(await page.GetByRole(AriaRole.Link, new() { Name = "Pull request on GitHub" }).GetAttributeAsync("href"),
            Is.EqualTo($"{web}/{AuditPopulation.OverrideRepository}/pull/{AuditPopulation.OverrideNumber}"));
        Assert.That(await page.GetByRole(AriaRole.Link, new() { Name = "Check run on GitHub" }).GetAttributeAsync("href"),
            Is.EqualTo($"{web}/{AuditPopulation.OverrideRepository}/runs/{5000 + AuditPopulation.OverrideNumber}"));
        await browser.ScreenshotAsync("change-with-override");
    }

    internal static async Task<int> Matching(IPage page) =>
        int.Parse(await page.Locator("[data-figure='matching']").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    internal static async Task<List<long>> Seqs(IPage page)
    {
        var seqs = new List<long>();
        foreach (var row in await page.Locator("table.changes tbody tr").AllAsync())
        {
            seqs.Add(long.Parse((await row.GetAttributeAsync("data-seq"))!, CultureInfo.InvariantCulture));
        }
        return seqs;
    }
}
