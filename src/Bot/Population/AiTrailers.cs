using Bot.Core.Policy;
using Bot.Core.Trailers;

namespace Bot.Population;

/// <summary>The positive <c>AI-Assisted</c> trailer values of a commit message (policy.md §2: not empty, not a negative value).</summary>
public static class AiTrailers
{
    public static IReadOnlyList<string> Positive(string message, TrailerPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return TrailerParser.ValuesOf(TrailerParser.Parse(message), policy.Key)
            .Select(v => v.Trim(' ', '\t', '\r', '\n'))
            .Where(v => v.Length > 0 && !policy.NegativeValues.Any(n => string.Equals(n, v, StringComparison.OrdinalIgnoreCase)))
            .ToList();
    }
}
