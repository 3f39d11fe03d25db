using System.Text;
using Bot.Core.Globbing;
using Bot.Core.Model;

namespace Bot.Core.Evaluation;

/// <summary>Whether a branch is one the policy protects (<c>branches</c>, <c>{default}</c> standing for the repository's
/// default branch; policy.md §4). The evaluator and the change population share this one definition.</summary>
public static class Scope
{
    private const string DefaultPlaceholder = "{default}";

    public static bool IsInScope(EvaluationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return IsInScope(input.Policy, input.DefaultBranch, input.PullRequest.BaseRef);
    }

    public static bool IsInScope(Bot.Core.Policy.PolicyDocument policy, string defaultBranch, string branch)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var patterns = policy.Branches
            .Select(p => p.Replace(DefaultPlaceholder, LiteralGlob(defaultBranch), StringComparison.Ordinal))
            .ToList();
        return GlobSet.Compile(patterns, GlobMode.Path).IsMatch(branch);
    }

    /// <summary>The default branch's name as a glob matching exactly that name (wildcards put in classes).</summary>
    private static string LiteralGlob(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (c is '*' or '?' or '[' or ']')
                sb.Append('[').Append(c).Append(']');
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
