using Bot.Core.Model;
using Bot.Core.Policy;
using Bot.Core.Trailers;

namespace Bot.Core.Evaluation;

/// <summary>What one commit's trailers say (policy.md §2), read once and shared by the trailer rules.</summary>
internal sealed class CommitFacts
{
    private const string CoAuthorKey = "Co-authored-by";

    private CommitFacts(CommitInfo commit, DeclarationKind kind, string[] values, string[] positives, string[] aiCoAuthors)
    {
        Commit = commit;
        Kind = kind;
        AiAssistedValues = values;
        PositiveValues = positives;
        AiCoAuthors = aiCoAuthors;
    }

    public CommitInfo Commit { get; }

    public DeclarationKind Kind { get; }

    /// <summary>Every <c>AI-Assisted</c> value as written.</summary>
    public IReadOnlyList<string> AiAssistedValues { get; }

    /// <summary>The values that name a tool.</summary>
    public IReadOnlyList<string> PositiveValues { get; }

    /// <summary><c>Co-authored-by</c> values that match a known agent.</summary>
    public IReadOnlyList<string> AiCoAuthors { get; }

    /// <summary>Whether the commit is <c>AI-detected</c>.</summary>
    public bool IsAiDetected => AiCoAuthors.Count > 0;

    /// <summary>Merge commits are skipped by the trailer rules.</summary>
    public bool CountsForTrailers => !Commit.IsMerge;

    public bool HasPositive => PositiveValues.Count > 0;

    public bool Unattributed => Commit.AuthorUser is null || Commit.CommitterUser is null;

    public static CommitFacts Read(CommitInfo commit, PolicyDocument policy)
    {
        // Most commits carry one trailer or none: the lists are made only when needed.
        List<string>? values = null, positives = null, coAuthors = null;
        var invalid = false;
        var negative = false;
        foreach (var trailer in TrailerParser.Parse(commit.Message))
        {
            if (string.Equals(trailer.Key, policy.Trailer.Key, StringComparison.OrdinalIgnoreCase))
            {
                var value = AiDeclaration.Trim(trailer.Value);
                (values ??= []).Add(value);
                switch (AiDeclaration.Classify(value, policy.Trailer))
                {
                    case DeclarationKind.Invalid: invalid = true; break;
                    case DeclarationKind.Negative: negative = true; break;
                    default: (positives ??= []).Add(value); break;
                }
            }
            else if (string.Equals(trailer.Key, CoAuthorKey, StringComparison.OrdinalIgnoreCase) &&
                     IsKnownAgent(trailer.Value, policy.KnownAgents))
            {
                (coAuthors ??= []).Add(AiDeclaration.Trim(trailer.Value));
            }
        }

        // An empty trailer makes the whole declaration unusable, whatever else the commit says.
        var kind = invalid ? DeclarationKind.Invalid
            : positives is not null ? DeclarationKind.Positive
            : negative ? DeclarationKind.Negative
            : DeclarationKind.Missing;
        return new CommitFacts(commit, kind, ToArray(values), ToArray(positives), ToArray(coAuthors));
    }

    private static string[] ToArray(List<string>? list) => list is null ? [] : [.. list];

    public CommitDeclaration ToDeclaration() =>
        new(Commit.Sha, Commit.Subject, Commit.IsMerge, Kind, AiAssistedValues, AiCoAuthors, Unattributed);

    /// <summary>A co-author line <c>Name &lt;email&gt;</c> names an agent when its name or its email contains a known-agent pattern.</summary>
    internal static bool IsKnownAgent(string coAuthor, IReadOnlyList<string> knownAgents)
    {
        var value = coAuthor.AsSpan();
        var open = value.LastIndexOf('<');
        var name = open < 0 ? value : value[..open];
        var email = ReadOnlySpan<char>.Empty;
        if (open >= 0)
        {
            email = value[(open + 1)..];
            var close = email.IndexOf('>');
            if (close >= 0)
                email = email[..close];
        }
        foreach (var agent in knownAgents)
        {
            if (agent.Length > 0 &&
                (name.Contains(agent, StringComparison.OrdinalIgnoreCase) || email.Contains(agent, StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }
}
