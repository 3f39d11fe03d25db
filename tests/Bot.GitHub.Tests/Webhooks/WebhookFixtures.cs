using System.Text;
using System.Text.Json.Nodes;
using Bot.GitHub.Webhooks;
using Bot.GitHub.Webhooks.Payloads;
using NUnit.Framework;

namespace Bot.GitHub.Tests.Webhooks;

/// <summary>The copied octokit/webhooks payloads (Webhooks/Fixtures/&lt;X-GitHub-Event&gt;/&lt;file&gt;) and derived copies.</summary>
internal static class WebhookFixtures
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Webhooks", "Fixtures");

    /// <summary>(event, file name) of every fixture in the output folder.</summary>
    public static IEnumerable<TestCaseData> All() =>
        Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => new TestCaseData(Path.GetFileName(Path.GetDirectoryName(path))!, Path.GetFileName(path))
                .SetArgDisplayNames($"{Path.GetFileName(Path.GetDirectoryName(path))}/{Path.GetFileName(path)}"));

    public static byte[] Bytes(string eventName, string file) => File.ReadAllBytes(Path.Combine(Root, eventName, file));

    /// <summary>A fixture edited as a JSON tree: used to build cases no real example exists for.</summary>
    public static byte[] Derive(string eventName, string file, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(Bytes(eventName, file))!.AsObject();
        edit(root);
        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    public static T Parse<T>(string eventName, byte[] body)
        where T : WebhookEvent
    {
        var result = WebhookEnvelope.Parse(eventName, body);
        if (result is WebhookParseResult.Failed failed)
        {
            Assert.Fail($"{eventName} did not parse: {failed.Error}: {failed.Message}");
        }

        var parsed = (WebhookParseResult.Parsed)result;
        Assert.That(parsed.Event, Is.InstanceOf<T>());
        return (T)parsed.Event;
    }

    public static T Parse<T>(string eventName, string file)
        where T : WebhookEvent => Parse<T>(eventName, Bytes(eventName, file));

    public static WebhookParseResult.Failed ParseFailure(string eventName, byte[] body)
    {
        var result = WebhookEnvelope.Parse(eventName, body);
        Assert.That(result, Is.TypeOf<WebhookParseResult.Failed>(), () => $"{eventName} unexpectedly parsed");
        return (WebhookParseResult.Failed)result;
    }
}
