namespace Bot.Dashboard.Rendering;

/// <summary>The period and repository fields every filter form starts with, and the repositories to choose from.</summary>
public sealed record PeriodFields(PeriodQuery Period, IReadOnlyList<string> Repositories);
