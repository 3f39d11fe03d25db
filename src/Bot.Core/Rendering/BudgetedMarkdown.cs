using System.Text;

namespace Bot.Core.Rendering;

/// <summary>A Markdown document that never exceeds a length. Content lines are refused once the budget is
/// spent; headings and "not shown" notes come out of a reserve, so a cut is always visible.</summary>
internal sealed class BudgetedMarkdown(int maxLength)
{
    /// <summary>Room kept for headings and notes: each is at most <see cref="MaxFixedLine"/>, and a summary has
    /// fewer than twenty of them.</summary>
    private const int Reserve = 2_000;
    internal const int MaxFixedLine = 100;

    private readonly StringBuilder _text = new();
    private readonly int _contentLimit = maxLength - Reserve;

    public int Length => _text.Length;

    public bool TryAppendLine(string line)
    {
        if (_text.Length + line.Length + 1 > _contentLimit)
            return false;
        _text.Append(line).Append('\n');
        return true;
    }

    /// <summary>A heading, blank line or note written by the renderer itself (short, no untrusted text).</summary>
    public void AppendFixedLine(string line = "")
    {
        if (line.Length > MaxFixedLine)
            throw new ArgumentException($"a fixed line may be at most {MaxFixedLine} characters", nameof(line));
        _text.Append(line).Append('\n');
    }

    /// <summary>Appends up to <paramref name="maxItems"/> rendered items while they fit, then a note naming how
    /// many were left out.</summary>
    public void AppendList<T>(IReadOnlyList<T> items, Func<T, string> render, string noun, int maxItems,
        string indent = "")
    {
        var shown = 0;
        foreach (var item in items)
        {
            if (shown == maxItems || !TryAppendLine(indent + "- " + render(item)))
                break;
            shown++;
        }
        if (shown < items.Count)
            AppendFixedLine($"{indent}- {MarkdownText.Ellipsis} {items.Count - shown} more {noun} not shown");
    }

    public override string ToString() => _text.ToString();
}
