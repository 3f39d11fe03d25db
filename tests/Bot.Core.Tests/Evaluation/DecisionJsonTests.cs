using System.Globalization;
using System.Text.Json;
using Bot.Core.Evaluation;
using Bot.Core.Model;
using static Bot.Core.Tests.Evaluation.PullRequestBuilder;
using NUnit.Framework;

namespace Bot.Core.Tests.Evaluation;

public class DecisionJsonTests
{
    private static Decision RichDecision() => new PullRequestBuilder().WithBody(Description(yes: true))
        .WithCommit("Add cache\n\nAI-Assisted: Cursor 0.45 / claude-3.7-sonnet")
        .WithCommit("Fix ünïcode <b>&\n\nCo-authored-by: Claude <noreply@anthropic.com>", author: Dave)
        .WithReview(Bob, "APPROVED", at: new DateTimeOffset(2025, 3, 1, 10, 30, 0, TimeSpan.FromHours(2)))
        .Evaluate();

    [Test]
    public void Serializing_twice_gives_identical_bytes()
    {
        var decision = RichDecision();

        Assert.That(DecisionJson.Serialize(decision), Is.EqualTo(DecisionJson.Serialize(RichDecision())));
    }

    [Test]
    public void The_output_does_not_depend_on_the_current_culture()
    {
        var decision = RichDecision();
        var invariant = DecisionJson.Serialize(decision);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            Assert.That(DecisionJson.Serialize(decision), Is.EqualTo(invariant));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void Properties_come_in_a_fixed_order_with_camel_case_enum_strings_and_no_indentation()
    {
        var json = DecisionJson.Serialize(new PullRequestBuilder().WithBase("feature/x").Evaluate());

        Assert.That(json, Is.EqualTo(
            "{\"conclusion\":\"notInScope\",\"title\":\"Not in scope\",\"inScope\":false,\"aiAssisted\":false," +
            "\"declaredTools\":[],\"contributors\":[],\"approvals\":[],\"requiredApprovals\":0,\"qualifyingApprovals\":0," +
            "\"rules\":[],\"commits\":[],\"policyError\":null,\"override\":null}"));
    }

    [Test]
    public void Times_are_written_in_utc_with_the_round_trip_format()
    {
        var json = DecisionJson.Serialize(RichDecision());

        Assert.That(json, Does.Contain("\"submittedAt\":\"2025-03-01T08:30:00.0000000Z\""));
        Assert.That(json, Does.Contain("\"kind\":\"positive\""));
        Assert.That(json, Does.Contain("\"outcome\":\"fail\""));
    }

    [Test]
    public void A_decision_survives_a_round_trip()
    {
        var json = DecisionJson.Serialize(RichDecision());

        var back = DecisionJson.Deserialize(json);

        Assert.That(DecisionJson.Serialize(back), Is.EqualTo(json));
        Assert.That(back.Approvals.Single().SubmittedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 1, 8, 30, 0, TimeSpan.Zero)));
        Assert.That(back.Commits[1].Subject, Is.EqualTo("Fix ünïcode <b>&"));
    }

    [TestCase("{\"conclusion\":0}")]
    [TestCase("{\"conclusion\":\"maybe\"}")]
    [TestCase("null")]
    public void Anything_else_is_refused(string json)
    {
        Assert.That(() => DecisionJson.Deserialize(json), Throws.InstanceOf<JsonException>());
    }
}
