using System.Globalization;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Bot.GitHub.Webhooks.Payloads;

/// <summary><c>merge_group</c> (merge queue): <c>checks_requested</c> asks for the required checks on the group's head
/// commit; <c>destroyed</c> (with <see cref="Reason"/>) says the group is gone.</summary>
public sealed record MergeGroupEvent : WebhookEvent
{
    [JsonIgnore]
    public override string EventName => WebhookEventNames.MergeGroup;

    public required WebhookMergeGroup MergeGroup { get; init; }

    /// <summary><c>destroyed</c> only: <c>merged</c>, <c>invalidated</c> or <c>dequeued</c>.</summary>
    public string? Reason { get; init; }
}

public sealed partial record WebhookMergeGroup
{
    /// <summary>The commit the required checks must report on.</summary>
    public required string HeadSha { get; init; }

    /// <summary><c>refs/heads/gh-readonly-queue/&lt;base&gt;/pr-&lt;number&gt;-&lt;sha&gt;</c>.</summary>
    public required string HeadRef { get; init; }

    /// <summary>The base branch's tip the group was built on: <c>base_sha...head_sha</c> holds every commit of the group.
    /// Older payloads (GitHub Enterprise Server before the field existed) lack it.</summary>
    public string? BaseSha { get; init; }

    /// <summary><c>refs/heads/main</c>.</summary>
    public required string BaseRef { get; init; }

    /// <summary>Where the group's commits start: <see cref="BaseSha"/>, or the base branch itself when the payload has no
    /// <c>base_sha</c> (while the group is checked, the branch has not moved past it).</summary>
    [JsonIgnore]
    public string CompareBase => BaseSha ?? BaseBranch;

    /// <summary>The base branch's name, without <c>refs/heads/</c>.</summary>
    [JsonIgnore]
    public string BaseBranch => BaseRef.StartsWith("refs/heads/", StringComparison.Ordinal) ? BaseRef["refs/heads/".Length..] : BaseRef;

    /// <summary>The pull request GitHub names the group after (the last one queued) and the head SHA it was queued with,
    /// read from <see cref="HeadRef"/>; null when the ref does not have GitHub's shape.</summary>
    [JsonIgnore]
    public (int Number, string HeadSha)? NamedPullRequest
    {
        get
        {
            var match = QueueRefPattern().Match(HeadRef);
            return match.Success && int.TryParse(match.Groups["number"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? (number, match.Groups["sha"].Value.ToLowerInvariant())
                : null;
        }
    }

    // The base branch may itself contain '/', so the number and SHA are taken from the end.
    [GeneratedRegex("^refs/heads/gh-readonly-queue/.+/pr-(?<number>[0-9]{1,9})-(?<sha>[0-9a-fA-F]{40})$")]
    private static partial Regex QueueRefPattern();
}
