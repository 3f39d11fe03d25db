using Bot.Evidence.Export;
using System.Text;

namespace Bot.Evidence.Tests.Export;

/// <summary>The forward reader of <c>approvals_json</c> picks the approvals a <c>JsonDocument</c> picked.</summary>
public sealed class ExportApprovalsJsonTests
{
    [TestCase("[]")]
    [TestCase("""[{"login":"bob","qualifies":true,"submittedAt":"2025-03-01T00:00:10Z"}]""")]
    [TestCase("""[{"login":"eve","qualifies":false},{"qualifies":true}]""")]
    [TestCase("""[{"login":"first","login":"second","qualifies":false,"qualifies":true,"submittedAt":"a","submittedAt":7}]""")]
    [TestCase("""[{"qualifies":true,"login":null,"extra":{"qualifies":false,"login":"nested"},"list":[{"login":"x"}]}]""")]
    [TestCase("""[{"l\u006fgin":"esc\"aped \u00e9","qualifies":true}, {"qualifies":"true","login":"str"}]""")]
    public void Qualifying_approvals_are_those_a_json_document_gives(string json)
    {
        var expected = PreviousExport.Qualifying(json);
        Assert.That(ExportApprovalsJson.Qualifying(Encoding.UTF8.GetBytes(json)), Is.EqualTo(expected));
    }

    [TestCase("""{"login":"bob"}""")]
    [TestCase("""[1]""")]
    public void Json_that_is_not_an_array_of_objects_is_refused_like_before(string json)
    {
        Assert.That(() => PreviousExport.Qualifying(json), Throws.InvalidOperationException);
        Assert.That(() => ExportApprovalsJson.Qualifying(Encoding.UTF8.GetBytes(json)), Throws.InvalidOperationException);
    }
}
