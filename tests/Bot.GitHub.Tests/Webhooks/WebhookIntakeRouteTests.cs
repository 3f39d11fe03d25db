using System.Text;
using System.Text.Json.Nodes;
using Bot.GitHub.Webhooks;
using NUnit.Framework;
using static Bot.GitHub.Tests.Webhooks.WebhookFixtures;

namespace Bot.GitHub.Tests.Webhooks;

/// <summary><see cref="WebhookEnvelope.Route"/> reads a pull request delivery's route during the syntax pass. The full
/// typed parse followed by <see cref="WebhookRouting.Classify"/> is the oracle: for every body, real or edited, intake must
/// give the same route or the same refusal.</summary>
public class WebhookIntakeRouteTests
{
    [TestCaseSource(typeof(WebhookFixtures), nameof(All))]
    public void Every_fixture_routes_as_the_typed_parse_does(string eventName, string file) =>
        AssertSameAsTypedParse(eventName, Bytes(eventName, file));

    private static IEnumerable<TestCaseData> Edits()
    {
        yield return Edit("pull_request", "no installation", root => root.Remove("installation"));
        yield return Edit("pull_request", "installation without id", root => root["installation"] = new JsonObject());
        yield return Edit("pull_request", "installation id as text", root => root["installation"] = new JsonObject { ["id"] = "1" });
        yield return Edit("pull_request", "installation is null", root => root["installation"] = null);
        yield return Edit("pull_request", "installation is an array", root => root["installation"] = new JsonArray(1));
        yield return Edit("pull_request", "repository without full_name", root => root["repository"]!.AsObject().Remove("full_name"));
        yield return Edit("pull_request", "number as text", root => root["number"] = "2");
        yield return Edit("pull_request", "number too large", root => root["number"] = 1L << 40);
        yield return Edit("pull_request", "numbers disagree", root => root["number"] = 3);
        yield return Edit("pull_request", "no pull_request", root => root.Remove("pull_request"));
        yield return Edit("pull_request", "head sha null", root => root["pull_request"]!["head"]!["sha"] = null);
        yield return Edit("pull_request", "head without sha", root => root["pull_request"]!["head"]!.AsObject().Remove("sha"));
        yield return Edit("pull_request", "action null", root => root["action"] = null);
        yield return Edit("pull_request", "action a number", root => root["action"] = 5);
        yield return Edit("pull_request", "action closed", root => root["action"] = "closed");
        yield return Edit("pull_request", "action labeled", root => root["action"] = "labeled");
        yield return Edit("pull_request", "no action", root => root.Remove("action"));
        yield return Edit("pull_request_review", "no installation", root => root.Remove("installation"));
        yield return Edit("pull_request_review", "pull request number as text", root => root["pull_request"]!["number"] = "2");
        yield return Edit("pull_request_review", "a top-level number too", root => root["number"] = 2);
        yield return Edit("pull_request_review", "action edited", root => root["action"] = "edited");

        static TestCaseData Edit(string eventName, string name, Action<JsonObject> edit)
        {
            var file = eventName == "pull_request" ? "opened.payload.json" : "submitted.payload.json";
            return new TestCaseData(eventName, Derive(eventName, file, edit)).SetArgDisplayNames($"{eventName}: {name}");
        }
    }

    [TestCaseSource(nameof(Edits))]
    public void An_edited_body_routes_or_is_refused_as_the_typed_parse_does(string eventName, byte[] body) =>
        AssertSameAsTypedParse(eventName, body);

    [TestCase("pull_request", """{"action":"opened","action":"closed","number":2,"pull_request":{"number":2,"head":{"sha":"a"}}}""")]
    [TestCase("pull_request", """{"action":"opened","number":2,"number":2,"pull_request":{"number":2,"head":{"sha":"a"}}}""")]
    [TestCase("pull_request", """{"action":"opened","number":2,"installation":{"id":1},"installation":{"id":2},"pull_request":{"number":2,"head":{"sha":"a"}}}""")]
    [TestCase("pull_request", """{"action":"opened","number":2,"pull_request":{"number":2,"head":{"sha":"a","sha":"b"}}}""")]
    [TestCase("pull_request", """{"action":"opened","number":2,"pull_request":{"number":2,"head":{"sha":"a"}}""")]
    [TestCase("pull_request", """[{"action":"opened"}]""")]
    [TestCase("pull_request", """{}""")]
    [TestCase("pull_request_review", """{"action":"submitted","pull_request":{"number":2,"head":{"sha":"a"}},"pull_request":{"number":3,"head":{"sha":"b"}}}""")]
    public void A_repeated_or_missing_routed_field_is_refused_as_the_typed_parse_refuses(string eventName, string body)
    {
        var intake = WebhookEnvelope.Route(eventName, Encoding.UTF8.GetBytes(body));

        Assert.That(intake.Route, Is.Null, "refused, never routed by whichever copy came first");
        AssertSameAsTypedParse(eventName, Encoding.UTF8.GetBytes(body));
    }

    [Test]
    public void A_field_routing_does_not_read_is_not_checked_at_intake()
    {
        // Workers evaluate an open pull request from GitHub's current state and never read the rest of its delivery, so
        // intake does not refuse it for a field only the typed payload would want (the typed parse does refuse it).
        var body = Derive("pull_request", "opened.payload.json", root => root["pull_request"]!.AsObject().Remove("title"));

        var intake = WebhookEnvelope.Route("pull_request", body);

        Assert.That(WebhookEnvelope.Parse("pull_request", body), Is.TypeOf<WebhookParseResult.Failed>());
        Assert.That(intake.Route, Is.EqualTo(WebhookRouting.Classify(Parse<Bot.GitHub.Webhooks.Payloads.WebhookEvent>("pull_request", "opened.payload.json"))));
    }

    [Test]
    public void Nesting_deeper_than_the_limit_is_refused_before_any_field_is_read()
    {
        var body = Encoding.UTF8.GetBytes("""{"action":"opened","x":""" + new string('[', 70) + new string(']', 70) + "}");

        var intake = WebhookEnvelope.Route("pull_request", body);

        Assert.That(intake.Failure?.Error, Is.EqualTo(WebhookParseError.TooDeep));
    }

    private static void AssertSameAsTypedParse(string eventName, byte[] body)
    {
        var intake = WebhookEnvelope.Route(eventName, body);
        switch (WebhookEnvelope.Parse(eventName, body))
        {
            case WebhookParseResult.Parsed parsed:
                Assert.That(intake.Failure, Is.Null, () => intake.Failure!.Message);
                Assert.That(intake.Route, Is.EqualTo(WebhookRouting.Classify(parsed.Event)));
                break;
            case WebhookParseResult.Failed failed:
                Assert.That(intake.Route, Is.Null);
                Assert.That(intake.Failure, Is.EqualTo(failed));
                break;
        }
    }
}
