using Bot.Core.Model;
using Bot.Core.Policy;

namespace Bot.Core.Trailers;

/// <summary>What an <c>AI-Assisted</c> trailer value says (policy.md §2): <em>invalid</em> when empty, <em>negative</em> when
/// one of the policy's negative values (case-insensitive), else <em>positive</em>, naming the tool. The evaluator and the
/// change population (landed commits, <c>bot scan</c>) read values here, so they cannot disagree.</summary>
public static class AiDeclaration
{
    /// <summary>The value as compared: only space, tab, CR and LF are whitespace (a non-breaking space belongs to the value).</summary>
    public static string Trim(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Trim(' ', '\t', '\r', '\n');
    }

    /// <summary>The kind of one trimmed value: never <see cref="DeclarationKind.Missing"/>.</summary>
    public static DeclarationKind Classify(string trimmed, TrailerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(trimmed);
        ArgumentNullException.ThrowIfNull(policy);
        if (trimmed.Length == 0)
            return DeclarationKind.Invalid;
        foreach (var negative in policy.NegativeValues)
        {
            if (string.Equals(trimmed, negative, StringComparison.OrdinalIgnoreCase))
                return DeclarationKind.Negative;
        }
        return DeclarationKind.Positive;
    }

    /// <summary>The positive values of a commit message's <c>AI-Assisted</c> trailers, trimmed, in order: the tools it names.</summary>
    public static IReadOnlyList<string> PositiveValues(string message, TrailerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        List<string>? positives = null;
        foreach (var trailer in TrailerParser.Parse(message))
        {
            if (!string.Equals(trailer.Key, policy.Key, StringComparison.OrdinalIgnoreCase))
                continue;
            var value = Trim(trailer.Value);
            if (Classify(value, policy) == DeclarationKind.Positive)
                (positives ??= []).Add(value);
        }
        return positives ?? (IReadOnlyList<string>)[];
    }
}
