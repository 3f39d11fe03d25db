namespace Bot.Serve.Evaluation;

/// <summary>Identifies one pull request of one installation: the unit work is serialised and collapsed by.</summary>
public sealed record PullRequestKey(long InstallationId, string Owner, string Repo, int Number)
{
    public string Repository => $"{Owner}/{Repo}";

    public override string ToString() => $"{Owner}/{Repo}#{Number}";

    public static PullRequestKey Create(long installationId, string fullName, int number)
    {
        var slash = fullName.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == fullName.Length - 1)
            throw new ArgumentException($"repository name '{fullName}' is not owner/name", nameof(fullName));
        return new PullRequestKey(installationId, fullName[..slash], fullName[(slash + 1)..], number);
    }
}
