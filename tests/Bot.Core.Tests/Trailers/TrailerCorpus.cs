using System.Text;

namespace Bot.Core.Tests.Trailers;

/// <summary>A named commit message of the differential corpus.</summary>
public sealed record CorpusMessage(string Name, string Message)
{
    public override string ToString() => Name;
}

/// <summary>
/// The differential corpus: hand-written ordinary and hostile messages (TrailerCorpus.HandWritten.cs)
/// plus a few large ones built here.
/// </summary>
internal static partial class TrailerCorpus
{
    private const string Subject = "Change the widget\n\n";

    // Lazy: static initializers in different partial files run in no defined order.
    private static readonly Lazy<IReadOnlyList<CorpusMessage>> Messages = new(Build);

    public static IReadOnlyList<CorpusMessage> All => Messages.Value;

    private static List<CorpusMessage> Build()
    {
        var all = new List<CorpusMessage>(HandWritten);
        all.AddRange(Large());
        return all;
    }

    private static IEnumerable<CorpusMessage> Large()
    {
        yield return new("long-value", Subject + "AI-Assisted: " + new string('x', 100_000) + "\n");
        yield return new("long-body-line", Subject + string.Concat(Enumerable.Repeat("word ", 20_000)) + "\n\nAI-Assisted: yes\n");
        yield return new("many-trailers", Subject + Lines(20_000, i => $"Key-{i}: value {i}\n"));
        yield return new("many-continuations", Subject + "AI-Assisted: start\n" + Lines(2_000, _ => "  more\n"));
        // 1,000 trailers against 3,000 and 3,001 other lines: the two sides of the 25% rule.
        yield return new("quarter-rule-large-holds",
            Subject + Lines(3_000, i => $"text {i}\n") + "Signed-off-by: A <a@x>\n" + Lines(999, i => $"K{i}: v\n"));
        yield return new("quarter-rule-large-fails",
            Subject + Lines(3_001, i => $"text {i}\n") + "Signed-off-by: A <a@x>\n" + Lines(999, i => $"K{i}: v\n"));
    }

    private static string Lines(int count, Func<int, string> line)
    {
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            text.Append(line(i));
        }
        return text.ToString();
    }
}
