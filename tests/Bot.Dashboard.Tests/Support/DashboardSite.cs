using Bot.FakeGitHub;
using Bot.Tests.Support;

namespace Bot.Dashboard.Tests.Support;

/// <summary>
/// <c>bot serve</c> with the dashboard on, against the fake GitHub (which also plays github.com's sign-in pages):
/// <c>Dashboard:Allowed</c> lists alice by login and the team @acme/compliance, whose one member is carol; mallory is
/// neither. The App is installed on the acme organisation, so team membership can be asked.
/// </summary>
internal sealed class DashboardSite : IAsyncDisposable
{
    public static readonly FakeUser Alice = new(100, "alice");
    public static readonly FakeUser Carol = new(300, "carol");
    public static readonly FakeUser Mallory = new(666, "mallory");

    private DashboardSite(BotUnderTest bot) => Bot = bot;

    public BotUnderTest Bot { get; }

    public FakeGitHubServer GitHub => Bot.GitHub;

    public Uri BaseUrl => Bot.Http.BaseAddress!;

    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).ToString();

    public static async Task<DashboardSite> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var github = await FakeGitHubServer.StartAsync();
        github.InstallOnOrganization("acme");
        github.AddTeamMember("acme", "compliance", Carol.Login);
        var config = new Dictionary<string, string?>
        {
            ["Dashboard:Allowed:0"] = "@acme/compliance",
            ["Dashboard:Allowed:1"] = "alice",
            ["GitHub:ClientId"] = FakeGitHubServer.OAuthClientId,
            ["GitHub:ClientSecret"] = FakeGitHubServer.OAuthClientSecret,
            ["GitHub:WebBaseUrl"] = github.BaseUrl.ToString().TrimEnd('/'),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        return new DashboardSite(await BotUnderTest.StartAsync(config, github));
    }

    public ValueTask DisposeAsync() => Bot.DisposeAsync();
}
