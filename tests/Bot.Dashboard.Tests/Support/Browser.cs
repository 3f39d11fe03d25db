using Microsoft.Playwright;

namespace Bot.Dashboard.Tests.Support;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>) driven by Playwright: headless, no sandbox (containers), nothing fetched from
/// the network by the browser itself, a fresh profile per test, JavaScript off (every dashboard flow must work without
/// it). Playwright never downloads a browser here. Without Chromium the test is skipped with the way to install it;
/// <c>.ci/run</c> installs it and fails when a browser test was skipped.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly string _profile;

    private Browser(IPlaywright playwright, IBrowserContext context, IPage page, string profile)
    {
        _playwright = playwright;
        Context = context;
        Page = page;
        _profile = profile;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"Chromium is not installed at {ChromiumPath}: apt-get install chromium");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        var profile = Directory.CreateTempSubdirectory("dashboard-chromium-").FullName;
        var context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            JavaScriptEnabled = false,
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
        // Generous limits: the machine running the tests may be busy with other builds; a test must not fail for being slow.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        return new Browser(playwright, context, page, profile);
    }

    /// <summary>Saves the page as TestResults/dashboard/<paramref name="flow"/>.png (beside the trx files) and attaches it.</summary>
    public async Task<string> ScreenshotAsync(string flow)
    {
        var folder = Path.Combine(RepositoryRoot(), "TestResults", "dashboard");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, flow + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
        return path;
    }

    /// <summary>Goes through "Sign in with GitHub" as <paramref name="user"/> (the fake plays GitHub's authorize page) from
    /// <paramref name="pathAndQuery"/>, which first sends the browser to the sign-in page.</summary>
    public async Task<IResponse?> SignInAsync(DashboardSite site, Bot.FakeGitHub.FakeUser user, string pathAndQuery)
    {
        site.GitHub.SignInAs(user);
        await Page.GotoAsync(site.Url(pathAndQuery));
        Assert.That(new Uri(Page.Url).AbsolutePath, Is.EqualTo("/dashboard/signin"), "an anonymous visit goes to the sign-in page first");
        return await ClickAndWaitAsync(Page.GetByRole(AriaRole.Button, new() { Name = "Sign in with GitHub" }));
    }

    /// <summary>Clicks, waits for the page it leads to, and returns the answer that page came with (after any redirects).</summary>
    public Task<IResponse?> ClickAndWaitAsync(ILocator target) => NavigateByAsync(() => target.ClickAsync());

    /// <summary>Does what leads to another page (a click, a key on a focused control: Playwright waits for the navigation it
    /// starts), waits for that page, and returns the answer it came with (after any redirects).</summary>
    public async Task<IResponse?> NavigateByAsync(Func<Task> action)
    {
        IResponse? last = null;
        void Seen(object? sender, IResponse response)
        {
            if (response.Request.IsNavigationRequest && response.Frame == Page.MainFrame)
            {
                last = response;
            }
        }
        Page.Response += Seen;
        try
        {
            await action();
            await Page.WaitForLoadStateAsync(LoadState.Load);
        }
        finally
        {
            Page.Response -= Seen;
        }
        return last;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bot.sln")))
            {
                return folder.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
        _playwright.Dispose();
        try { Directory.Delete(_profile, recursive: true); }
        catch (IOException) { /* Chromium may still hold a file for a moment */ }
    }
}
