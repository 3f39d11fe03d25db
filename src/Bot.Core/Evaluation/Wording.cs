namespace Bot.Core.Evaluation;

/// <summary>Small helpers for the one-line messages a developer reads.</summary>
internal static class Wording
{
    /// <summary>"1 commit", "3 commits".</summary>
    public static string Count(int n, string singular, string? plural = null) =>
        n == 1 ? $"1 {singular}" : $"{n} {plural ?? singular + "s"}";

    /// <summary>"abc1234 Fix the parser", the way a developer finds a commit in <c>git log --oneline</c>.</summary>
    public static string Commit(Bot.Core.Model.CommitInfo commit) => $"{commit.ShortSha} {commit.Subject}";

    public static string ShortSha(string? sha) =>
        string.IsNullOrEmpty(sha) ? "(unknown commit)" : sha.Length > 7 ? sha[..7] : sha;

    public static string Quoted(string text) => $"\"{text}\"";
}
