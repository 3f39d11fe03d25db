using Bot.Core.Model;
using Bot.Core.Policy;
using Bot.Core.Trailers;
using NUnit.Framework;

namespace Bot.Core.Tests.Trailers;

/// <summary>policy.md §2: an <c>AI-Assisted</c> value is invalid when empty, negative when one of the negative values, else
/// positive; the tools a commit names (what the change population records) are its positive values only.</summary>
[TestFixture]
public sealed class AiDeclarationTests
{
    private const string Subject = "Change the widget\n\n";
    private static readonly TrailerPolicy Trailer = new();

    [TestCase("", DeclarationKind.Invalid)]
    [TestCase("No", DeclarationKind.Negative)]
    [TestCase("n/a", DeclarationKind.Negative)]
    [TestCase("Cursor 0.45", DeclarationKind.Positive)]
    [TestCase("\u00a0", DeclarationKind.Positive)]
    public void A_value_is_invalid_when_empty_negative_when_listed_and_positive_otherwise(string value, DeclarationKind kind)
    {
        Assert.That(AiDeclaration.Classify(value, Trailer), Is.EqualTo(kind));
    }

    [TestCase(Subject + "AI-Assisted:\n")]
    [TestCase(Subject + "AI-Assisted: \t \n")]
    [TestCase(Subject + "AI-Assisted: none\n")]
    public void An_empty_or_negative_value_names_no_tool(string message)
    {
        Assert.That(AiDeclaration.PositiveValues(message, Trailer), Is.Empty);
    }

    [Test]
    public void The_tools_are_the_positive_values_trimmed_in_order_beside_an_empty_one()
    {
        const string message = Subject + "AI-Assisted:  Cursor 0.45 \nAI-Assisted:\nai-assisted: Claude Code\nAI-Assisted: no\n";

        Assert.That(AiDeclaration.PositiveValues(message, Trailer), Is.EqualTo(new[] { "Cursor 0.45", "Claude Code" }));
    }
}
