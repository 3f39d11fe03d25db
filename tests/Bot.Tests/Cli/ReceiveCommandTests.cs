using System.Text.RegularExpressions;
using Bot.LoadTest;
using Bot.Tests.Support;

namespace Bot.Tests.Cli;

/// <summary><c>bot receive</c> signs a payload with the configured secret and posts it to a running service with a fresh
/// delivery id, as GitHub would: the real command (a child process) against the real webhook path.</summary>
public sealed partial class ReceiveCommandTests
{
    private BotUnderTest _bot = null!;
    private string _folder = null!;
    private string _payload = null!;
    private string _url = null!;

    [SetUp]
    public async Task SetUp()
    {
        _bot = await BotUnderTest.StartAsync();
        _folder = Directory.CreateTempSubdirectory("bot-receive-").FullName;
        _payload = Path.Combine(_folder, "opened.json");
        await File.WriteAllBytesAsync(_payload, WebhookPayloads.Raw("pull_request", "opened.payload.json"));
        _url = new Uri(_bot.Http.BaseAddress!, "/webhooks/github").ToString();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _bot.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Test]
    public async Task A_payload_signed_with_the_secret_from_appsettings_json_is_accepted_each_time_as_a_new_delivery()
    {
        // The secret comes from appsettings.json in the directory the command runs in, as the service reads it.
        await File.WriteAllTextAsync(Path.Combine(_folder, "appsettings.json"), $$"""{ "GitHub": { "WebhookSecret": "{{BotUnderTest.Secret}}" } }""");

        var first = await ChildProcess.RunBotAsync(["receive", "--event", "pull_request", "--payload", "opened.json", "--url", _url], _folder);
        var second = await ChildProcess.RunBotAsync(["receive", "--event", "pull_request", "--payload", "opened.json", "--url", _url], _folder);

        Assert.That(first.ExitCode, Is.Zero, first.ToString());
        Assert.That(second.ExitCode, Is.Zero, second.ToString());
        Assert.That(first.Output, Does.Contain(": 202 ").And.Contain("\"accepted\""));
        var ids = new[] { DeliveryId(first.Output), DeliveryId(second.Output) };
        Assert.That(ids[0], Is.Not.EqualTo(ids[1]), "a fresh delivery id each time");
        var stored = new ServiceDatabase(_bot.DatabasePath).StateByDelivery();
        Assert.That(stored.Keys, Is.EquivalentTo(ids), "both stored, under the ids the command printed");
    }

    [Test]
    public async Task A_secret_the_service_does_not_have_is_refused_and_exits_1()
    {
        var result = await ChildProcess.RunBotAsync(["receive", "--event", "pull_request", "--payload", _payload, "--url", _url], _folder,
            new Dictionary<string, string> { ["GitHub__WebhookSecret"] = "not-the-services-secret" });

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain(": 401 ").And.Contain("bad_signature"));
        Assert.That(new ServiceDatabase(_bot.DatabasePath).StateByDelivery(), Is.Empty);
    }

    [Test]
    public async Task Without_a_secret_or_with_a_payload_that_is_not_json_it_is_bad_arguments()
    {
        var noSecret = await ChildProcess.RunBotAsync(["receive", "--event", "ping", "--payload", _payload, "--url", _url], _folder);
        var notJson = Path.Combine(_folder, "not.json");
        await File.WriteAllTextAsync(notJson, "event=ping");
        var badPayload = await ChildProcess.RunBotAsync(["receive", "--event", "ping", "--payload", notJson, "--url", _url], _folder,
            new Dictionary<string, string> { ["GitHub__WebhookSecret"] = BotUnderTest.Secret });

        Assert.That(noSecret.ExitCode, Is.EqualTo(2), noSecret.ToString());
        Assert.That(noSecret.Error, Does.Contain("no webhook secret configured"));
        Assert.That(badPayload.ExitCode, Is.EqualTo(2), badPayload.ToString());
        Assert.That(badPayload.Error, Does.StartWith($"error: --payload {notJson}: "));
    }

    private static string DeliveryId(string output) => DeliveryLine().Match(output) is { Success: true } match
        ? match.Groups[1].Value
        : throw new AssertionException($"no delivery id in: {output}");

    [GeneratedRegex(@"^delivery ([0-9a-f-]{36}) \(pull_request\)", RegexOptions.Multiline)]
    private static partial Regex DeliveryLine();
}
