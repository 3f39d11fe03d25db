using Bot.Evidence.Chain;

namespace Bot.Evidence.Export;

public enum ExportFormat { Csv, Json, Md }

/// <summary>What to export: changes that reached a branch from <see cref="From"/> 00:00 UTC to the end of <see cref="To"/> (UTC).</summary>
public sealed record ExportRequest
{
    public required DateOnly From { get; init; }
    public required DateOnly To { get; init; }
    /// <summary>owner/name filters (case-insensitive); empty: every repository.</summary>
    public IReadOnlyList<string> Repositories { get; init; } = [];
    public ExportFormat Format { get; init; } = ExportFormat.Csv;
    /// <summary>Sample size; null: the whole population.</summary>
    public int? Sample { get; init; }
    public string? Seed { get; init; }
    /// <summary>Sample AI-assisted and other changes separately, in proportion to their counts.</summary>
    public bool StratifyAi { get; init; }
    /// <summary>Where links point (GitHub Enterprise Server: https://HOST).</summary>
    public string WebBaseUrl { get; init; } = "https://github.com";

    /// <summary>The period ends at the start of the day after <see cref="To"/>, which the calendar's last day does not have.</summary>
    private static readonly DateOnly LastCoverableDay = DateOnly.MaxValue.AddDays(-1);

        /// <summary>Throws <see cref="ArgumentException"/> with a message for the user when the request is inconsistent.</summary>
    public void Validate()
    {
        if (To < From)
        {
            throw new ArgumentException($"--to {To:yyyy-MM-dd} is before --from {From:yyyy-MM-dd}.");
        }
        if (To > LastCoverableDay)
        {
            throw new ArgumentException($"--to {To:yyyy-MM-dd} is past the last day an export can cover ({LastCoverableDay:yyyy-MM-dd}).");
        }
        if (Sample is { } n && n < 1)
        {
            throw new ArgumentException("--sample must be at least 1.");
        }
        if (Sample is not null && string.IsNullOrEmpty(Seed))
        {
            throw new ArgumentException("--sample needs --seed, so that the same sample can be drawn again.");
        }
        if (Sample is null && (Seed is not null || StratifyAi))
        {
            throw new ArgumentException("--seed and --stratify only apply with --sample.");
        }
        foreach (var repository in Repositories)
        {
            if (repository.Split('/') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                throw new ArgumentException($"--repo '{repository}' is not OWNER/NAME.");
            }
        }
        if (!Uri.TryCreate(WebBaseUrl, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"The web base URL '{WebBaseUrl}' is not an absolute URL.");
        }
    }
}

/// <summary>A change with a gap (any finding), as listed in the completeness section.</summary>
public sealed record ExportGap(string Repository, string ChangeId, string Findings);

/// <summary>Approved overrides (policy.md §7): the export asks this for each pull request change and shows the answer in its
/// <c>override</c> column and findings. By default it reads the overrides chain of the exported file. The export calls it
/// from its row-writing thread (not the caller's), one call at a time.</summary>
public interface IOverrideLookup
{
    /// <summary>The approved override in force for <paramref name="headSha"/> when the change merged: the newest override or
    /// revocation recorded for that head at or before <paramref name="mergedAt"/>, when it is an override; else null.</summary>
    ApprovedOverride? Find(string repository, long pullRequestNumber, string headSha, DateTimeOffset mergedAt);
}

public sealed record ApprovedOverride(string Approver, string Reason, long EvidenceSeq, DateTimeOffset ApprovedAt);
