namespace Bot.GitHub.Rest;

/// <summary>A branch and the commit at its tip, from <c>GET /repos/{owner}/{repo}/branches</c>.</summary>
public sealed record BranchInfo(string Name, string TipSha);
