using System.Text;
using Bot.Core.Globbing;
using Bot.Core.Policy;

namespace Bot.Population;

/// <summary>Whether a branch is protected by the policy (<c>branches</c>, <c>{default}</c> standing for the repository's
/// default branch), with the same meaning as the evaluator's scope check (policy.md §4).</summary>
public static class BranchScope
{
    public static bool IsInScope(PolicyDocument policy, string defaultBranch, string branch)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var literalDefault = LiteralGlob(defaultBranch);
        return policy.Branches
            .Select(p => Glob.Parse(p.Replace("{default}", literalDefault, StringComparison.Ordinal), GlobMode.Path))
            .Any(glob => glob.IsMatch(branch));
    }

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
