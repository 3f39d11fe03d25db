namespace Bot.Tests.Support;

/// <summary>A test class whose every test runs against a bot of its own, started with a fake GitHub that holds one
/// repository, <see cref="Repo"/>, and stopped after the test.</summary>
public abstract class BotScenario
{
    protected const string Repo = "octo/app";

    private protected BotUnderTest _bot = null!;

    [SetUp]
    public async Task StartBot()
    {
        _bot = await BotUnderTest.StartAsync();
        _bot.GitHub.AddRepository(Repo);
    }

    [TearDown]
    public async Task StopBot() => await _bot.DisposeAsync();
}
