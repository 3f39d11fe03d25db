namespace Bot.GitHub;

/// <summary>Who GitHub says the App is (<c>GET /app</c>): its numeric id and URL name.</summary>
public sealed record GitHubAppIdentity(long Id, string Slug);
