using Bot.Core.Model;

namespace Bot.Core.Rendering;

/// <summary>Check-run output (policy.md §4); summary stays under GitHub's 65,535 characters.</summary>
public sealed record CheckRunText(string Title, string Summary);

/// <summary>CONTRACT STUB: replaced by the real renderer.</summary>
public static class CheckRunRenderer
{
    public const int MaxSummaryLength = 65_535;

    public static CheckRunText Render(Decision decision) => throw new NotImplementedException();
}
