using System.Text;

namespace Bot.Core.Tests.Trailers;

/// <summary>
/// Seeded generator of trailer-ish commit messages: paragraphs mixing trailers, near-trailers, git-generated
/// lines, continuations, comments, scissors, dividers and odd whitespace, with LF or CRLF endings.
/// </summary>
internal sealed class RandomCommitMessages(int seed)
{
    private static readonly string[] Keys =
        ["AI-Assisted", "ai-assisted", "AI-ASSISTED", "Co-authored-by", "Signed-off-by", "Reviewed-by", "Key", "X-1", "123", "-", "a-"];
    private static readonly string[] BadKeys =
        ["AI Assisted", "AI_Assisted", "Clé", "AI\u00a0Assisted", " AI-Assisted", "\tKey", "#Key", "(Key)", "\u00a0Key", "\u000bKey", ""];
    private static readonly string[] Separators = [":", ": ", ":  ", " :", "\t:", " \t: ", ":\t"];
    private static readonly string[] Values =
        ["Cursor 0.45 / claude-3.7-sonnet", "no", "None", "", " ", "\u00a0", "Claude <noreply@anthropic.com>", "a: b", "#1",
         "日本語 ✓", "x\u00a0y", "v\r", "tab\there", "\u000cff", "https://example.com/a", "trailing  "];
    private static readonly string[] Texts =
        ["Some prose.", "Fixes #12", "https://example.com/x", "---", "--- a/file", "-- ", "Conflicts:", "* bullet", "text: no key",
         "two words: here", ":colon first", "(cherry picked from", "\u00a0nbsp lead", "\u000bvt lead", "\u000c", "é"];
    private static readonly string[] Specials =
        ["# comment", "#", "# ------------------------ >8 ------------------------", "Signed-off-by: Ann <a@x>",
         "(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)", "\tsrc/file.c", "  continued", "\tcontinued",
         " ", "\t", "\r", "Signed-off-by: ", "Signed-off-by:Ann"];

    private readonly Random _random = new(seed);

    public string Next()
    {
        var message = new StringBuilder();
        string newline = Pick(0.15) ? "\r\n" : "\n";
        int leading = Pick(0.1) ? _random.Next(1, 3) : 0;
        for (int i = 0; i < leading; i++)
        {
            message.Append(OneOf(["", " ", "\t", "\r"])).Append('\n');
        }
        message.Append(Pick(0.1) ? Line() : "Subject line");

        int paragraphs = _random.Next(0, 4);
        for (int p = 0; p < paragraphs; p++)
        {
            message.Append(newline).Append(Pick(0.1) ? OneOf([" ", "\t", "\r"]) : "");
            int lines = _random.Next(1, 9);
            for (int l = 0; l < lines; l++)
            {
                message.Append(newline).Append(Line());
            }
        }
        if (Pick(0.2))
        {
            message.Append(newline).Append(OneOf(["", "# trailing comment", "# ------------------------ >8 ------------------------", " "]));
        }
        if (Pick(0.8))
        {
            message.Append(newline);
        }
        if (Pick(0.02))
        {
            message.Append("\0Hidden: after NUL\n");
        }
        return message.ToString();
    }

    private string Line()
    {
        int kind = _random.Next(100);
        return kind switch
        {
            < 50 => OneOf(Keys) + OneOf(Separators) + OneOf(Values),
            < 58 => OneOf(BadKeys) + OneOf(Separators) + OneOf(Values),
            < 73 => OneOf(Texts),
            _ => OneOf(Specials),
        };
    }

    private bool Pick(double probability) => _random.NextDouble() < probability;

    private string OneOf(string[] choices) => choices[_random.Next(choices.Length)];
}
