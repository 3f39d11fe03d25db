using System.Text;
using Bot.Core.Globbing;
using Bot.Core.Model;

namespace Bot.Core.Evaluation;

/// <summary>Whether the base branch is one the policy protects (<c>branches</c>, policy.md §4).</summary>
internal static class Scope
{
    private const string DefaultPlaceholder = "{default}";

    public static bool IsInScope(EvaluationInput input)
    {
        var patterns = input.Policy.Branches
            .Select(p => p.Replace(DefaultPlaceholder, LiteralGlob(input.DefaultBranch), StringComparison.Ordinal))
            .ToList();
        return GlobSet.Compile(patterns, GlobMode.Path).IsMatch(input.PullRequest.BaseRef);
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
