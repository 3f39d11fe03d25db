using Bot.Core.Body;
using Bot.Core.Policy;

namespace Bot.Core.Evaluation;

/// <summary>The task-list boxes of the pull request description (policy.md §2), read once.</summary>
internal sealed class BodyFacts
{
    private readonly IReadOnlyList<TaskItem> _items;

    private BodyFacts(IReadOnlyList<TaskItem> items, TemplatePolicy template, string? readError = null)
    {
        _items = items;
        ReadError = readError;
        YesTicked = IsTicked(template.AiYes);
        NoTicked = IsTicked(template.AiNo);
        HasDeclarationBoxes = HasBox(template.AiYes) || HasBox(template.AiNo);
    }

    /// <summary>Why the description could not be read as Markdown; then no box counts as ticked.</summary>
    public string? ReadError { get; }

    public bool YesTicked { get; }

    public bool NoTicked { get; }

    /// <summary>Whether the description carries the template's yes/no boxes at all, ticked or not.</summary>
    public bool HasDeclarationBoxes { get; }

    /// <summary>Exactly one of the yes and no boxes is ticked.</summary>
    public bool IsDeclared => YesTicked != NoTicked;

    public static BodyFacts Read(string? body, TemplatePolicy template)
    {
        try
        {
            return new BodyFacts(TaskListParser.Parse(body), template);
        }
        catch (TaskListException ex)
        {
            // The description is the author's input: an unreadable one fails the declaration, it does not crash the bot.
            return new BodyFacts([], template, ex.Message);
        }
    }

    public bool IsTicked(string configured)
    {
        foreach (var item in _items)
        {
            if (item.Checked && TaskListParser.LabelMatches(item.Label, configured))
                return true;
        }
        return false;
    }

    private bool HasBox(string configured)
    {
        foreach (var item in _items)
        {
            if (TaskListParser.LabelMatches(item.Label, configured))
                return true;
        }
        return false;
    }
}
