using System.Globalization;
using Bot.Evidence.Export;

namespace Bot.Evidence.Dashboard;

/// <summary>Which changes the dashboard's Changes table lists: the export's period and repositories, narrowed further.</summary>
public sealed record ChangeFilter
{
    /// <summary>Any change with at least one finding.</summary>
    public const string AnyFinding = "any";

    /// <summary>Changes without findings.</summary>
    public const string NoFinding = "none";

    /// <summary>Period and repositories, exactly as the export takes them (its other fields are not used).</summary>
    public required ExportRequest Period { get; init; }

    /// <summary>null: AI-assisted or not.</summary>
    public bool? AiAssisted { get; init; }

    /// <summary>A finding code, <see cref="AnyFinding"/>, <see cref="NoFinding"/>, or null for every change.</summary>
    public string? Finding { get; init; }

    /// <summary>null: with or without an approved override.</summary>
    public bool? Overridden { get; init; }
}

/// <summary>A position in the Changes table (newest first: merged_at, then seq); the page goes on after or before it.</summary>
public readonly record struct ChangeCursor(string MergedAt, long Seq)
{
    public override string ToString() => MergedAt + "~" + Seq.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads what <see cref="ToString"/> wrote; null for anything else (a hand-edited link starts from the top).</summary>
    public static ChangeCursor? Parse(string? text)
    {
        var tilde = text?.LastIndexOf('~') ?? -1;
        return tilde > 0 && long.TryParse(text![(tilde + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
            ? new ChangeCursor(text[..tilde], seq)
            : null;
    }
}

/// <summary>One row of the Changes table.</summary>
public sealed record ChangeSummary(
    long Seq,
    string Repository,
    string Kind,
    string ChangeId,
    long? PullRequestNumber,
    string Title,
    string Author,
    DateTimeOffset MergedAt,
    bool AiAssisted,
    IReadOnlyList<string> FindingCodes,
    bool Overridden);

/// <summary>One page of the Changes table, how many changes match in all, and where the neighbouring pages start.</summary>
public sealed record ChangePage(IReadOnlyList<ChangeSummary> Rows, long Matching, ChangeCursor? Newer, ChangeCursor? Older);
