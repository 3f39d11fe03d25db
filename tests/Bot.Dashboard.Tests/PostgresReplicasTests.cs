using Bot.Dashboard.Tests.Support;
using Bot.TestSupport.Postgres;

namespace Bot.Dashboard.Tests;

/// <summary>
/// The dashboard on a PostgreSQL store (issue 17), in a real browser: the Changes table pages through every change of the
/// quarter and opens a change, read from PostgreSQL; and two replicas of <c>bot serve</c> on one store accept each other's
/// sign-in cookie, because the key ring that encrypts it is in the database (each replica's folder would hold a ring of its
/// own), so a load balancer in front needs nothing sticky. The browser keeps one cookie jar per host, whatever the port.
/// </summary>
public sealed class PostgresReplicasTests
{
    private const string Quarter = $"from={AuditPopulation.From}&to={AuditPopulation.To}";

    private PostgresCluster _cluster = null!;

    [OneTimeSetUp]
    public void StartCluster() => _cluster = PostgresCluster.Acquire();

    [OneTimeTearDown]
    public void StopCluster() => PostgresCluster.StopShared();

    [Test]
    public async Task Two_replicas_on_one_postgres_store_show_its_changes_and_accept_each_other_s_sign_in()
    {
        var connectionString = _cluster.CreateDatabase();
        try
        {
            var store = new Dictionary<string, string?> { ["Evidence:Provider"] = "postgres", ["Evidence:ConnectionString"] = connectionString };
            await using var first = await DashboardSite.StartAsync(store);
            var population = await AuditPopulation.SeedAsync(first.Bot.Store);
            await using var second = await DashboardSite.StartAsync(store);
            await using var browser = await Browser.LaunchAsync();
            var page = browser.Page;
            await browser.SignInAsync(first, DashboardSite.Alice, "/dashboard/changes?" + Quarter);

            Assert.That(await ChangesTests.Matching(page), Is.EqualTo(population.Population));
            var seen = new List<long>();
            while (true)
            {
                seen.AddRange(await ChangesTests.Seqs(page));
                var older = page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Older →" });
                if (await older.CountAsync() == 0)
                {
                    break;
                }
                await browser.ClickAndWaitAsync(older);
            }
            Assert.That(seen, Has.Count.EqualTo(population.Population));
            Assert.That(seen, Is.Unique.And.Ordered.Descending);

            // The other replica, with the cookie the first one issued: the change page, not the sign-in page.
            var opened = await page.GotoAsync(second.Url($"/dashboard/changes/{population.OverrideChangeSeq}"));
            Assert.That(opened?.Status, Is.EqualTo(200));
            Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo($"/dashboard/changes/{population.OverrideChangeSeq}"));
            await Assert.ThatAsync(() => page.Locator("h1").InnerTextAsync(), Does.StartWith($"#{AuditPopulation.OverrideNumber}"));
            await Assert.ThatAsync(() => page.Locator("[data-override='in-force']").InnerTextAsync(), Does.Contain(AuditPopulation.OverrideReason));
        }
        finally
        {
            _cluster.DropDatabase(connectionString);
        }
    }
}
