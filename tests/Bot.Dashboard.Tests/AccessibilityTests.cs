using Bot.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace Bot.Dashboard.Tests;

/// <summary>What the pages owe people who use a keyboard or a screen reader: a label for every field, table headers with
/// their scope, one heading per page, a chart that is an image with a text alternative, a skip link first in the tab order,
/// and forms that work from the keyboard.</summary>
public sealed class AccessibilityTests
{
    private const string Quarter = $"from={AuditPopulation.From}&to={AuditPopulation.To}";

    [Test]
    public async Task Every_page_labels_its_fields_heads_its_tables_and_works_from_the_keyboard()
    {
        await using var site = await DashboardSite.StartAsync();
        var population = await AuditPopulation.SeedAsync(site.Bot.Store);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await browser.SignInAsync(site, DashboardSite.Alice, "/dashboard?" + Quarter);

        foreach (var path in new[]
        {
            "/dashboard?" + Quarter, "/dashboard/changes?" + Quarter, $"/dashboard/changes/{population.OverrideChangeSeq}",
            "/dashboard/sample?sample=5&seed=a11y&" + Quarter, "/dashboard/verify",
        })
        {
            await page.GotoAsync(site.Url(path));
            foreach (var control in await page.Locator("input:not([type='hidden']), select").AllAsync())
            {
                var id = await control.GetAttributeAsync("id");
                Assert.That(id, Is.Not.Null, $"{path}: a field without an id cannot have a label");
                Assert.That(await page.Locator($"label[for='{id}']").CountAsync(), Is.EqualTo(1), $"{path}: #{id} has a label");
            }
            Assert.That(await page.Locator("thead th:not([scope='col'])").CountAsync(), Is.Zero, $"{path}: column headers have scope");
            Assert.That(await page.Locator("tbody th:not([scope='row'])").CountAsync(), Is.Zero, $"{path}: row headers have scope");
            Assert.That(await page.Locator("h1").CountAsync(), Is.EqualTo(1), $"{path}: one page heading");
            Assert.That(await page.Locator("svg:not([role='img'])").CountAsync(), Is.Zero, $"{path}: a chart is an image");
        }
        Assert.That(await page.Locator("main").CountAsync(), Is.EqualTo(1));

        // From the keyboard: the skip link comes first; a filter is chosen and the form sent without a mouse.
        await page.GotoAsync(site.Url("/dashboard/changes?" + Quarter));
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.Locator("a.skip-link:focus").CountAsync(), Is.EqualTo(1), "the first Tab reaches 'Skip to content'");
        await page.Locator("#ai").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.That(await page.Locator("#ai").InputValueAsync(), Is.EqualTo("yes"), "ArrowDown chose the next option");
        var sent = await browser.NavigateByAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).PressAsync("Enter"));
        Assert.That(sent?.Status, Is.EqualTo(200));
        Assert.That(page.Url, Does.Contain("ai=yes"));
        Assert.That(await page.Locator("[data-figure='matching']").InnerTextAsync(), Is.EqualTo(population.AiAssisted.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
