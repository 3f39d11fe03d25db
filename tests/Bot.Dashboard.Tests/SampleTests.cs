using Bot.Cli;
using Bot.Dashboard.Tests.Support;
using Bot.Serve;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Bot.Dashboard.Tests;

/// <summary>The Sample page: drawn in the browser, downloaded in three formats, each byte for byte what <c>bot export</c>
/// writes with the same arguments.</summary>
public sealed class SampleTests
{
    private const string Seed = "audit 2025-Q1";

    [Test]
    public async Task Drawing_a_sample_and_downloading_it_gives_the_bytes_bot_export_writes()
    {
        await using var site = await DashboardSite.StartAsync();
        var population = await AuditPopulation.SeedAsync(site.Bot.Store);
        await using var browser = await Browser.LaunchAsync();
        var page = browser.Page;
        await browser.SignInAsync(site, DashboardSite.Carol, $"/dashboard/sample?from={AuditPopulation.From}&to={AuditPopulation.To}");

        await page.GetByLabel("Size").FillAsync("12");
        await page.GetByLabel("Seed").FillAsync(Seed);
        await page.GetByLabel("Stratify by AI-assisted").CheckAsync();
        var drawn = await browser.ClickAndWaitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Draw" }));

        Assert.That(drawn?.Status, Is.EqualTo(200));
        Assert.That(await page.Locator("[data-figure='sample-population']").InnerTextAsync(), Is.EqualTo(population.Population.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(await page.Locator("[data-figure='sample-size']").InnerTextAsync(), Is.EqualTo("12"));
        Assert.That(await page.Locator("table.data tbody tr").CountAsync(), Is.EqualTo(12));
        await browser.ScreenshotAsync("sample");

        var web = site.GitHub.BaseUrl.ToString().TrimEnd('/');
        foreach (var format in new[] { "csv", "json", "md" })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"a[data-format='{format}']").ClickAsync());
            var file = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.{format}");
            await download.SaveAsAsync(file);
            var downloaded = await File.ReadAllBytesAsync(file);
            File.Delete(file);

            string[] arguments = ["export", "--from", AuditPopulation.From, "--to", AuditPopulation.To, "--sample", "12", "--seed", Seed,
                "--stratify", "ai", "--format", format, "--web-url", web];
            var exported = await ExportAsync(site, arguments);

            Assert.That(downloaded, Is.EqualTo(exported), $"{format}: the download is what bot export writes");
            Assert.That(download.SuggestedFilename, Does.StartWith("cc81-2025-01-01-to-2025-03-31-sample-12-stratified-seed-audit-2025-Q1"));
            await Assert.ThatAsync(() => page.Locator($"a[data-format='{format}'] + code").InnerTextAsync(),
                Is.EqualTo($"bot export --from {AuditPopulation.From} --to {AuditPopulation.To} --sample 12 --seed '{Seed}' --stratify ai --format {format} --web-url {web}"));
        }
    }

    /// <summary>Runs <c>bot export … --out FILE</c> in this process on the service's database, with the service's chain key
    /// in the environment as the command reads it.</summary>
    private static async Task<byte[]> ExportAsync(DashboardSite site, string[] arguments)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bot-export-{Guid.NewGuid():N}");
        var key = site.Bot.Services.GetRequiredService<IOptions<EvidenceOptions>>().Value.HmacKey;
        var previous = Environment.GetEnvironmentVariable("Evidence__HmacKey");
        Environment.SetEnvironmentVariable("Evidence__HmacKey", key);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exit = await BotCli.RunAsync([.. arguments, "--db", site.Bot.DatabasePath, "--out", file], output, error);
            Assert.That(exit, Is.EqualTo(ExportCommand.ExportedWithGaps), error.ToString());
            return await File.ReadAllBytesAsync(file);
        }
        finally
        {
            Environment.SetEnvironmentVariable("Evidence__HmacKey", previous);
            File.Delete(file);
        }
    }
}
