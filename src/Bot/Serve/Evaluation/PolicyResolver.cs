using Bot.Core.Policy;
using Bot.GitHub.Rest;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Evaluation;

/// <summary>The policy in force for a pull request and where it came from (policy.md §1): the repository's file on the
/// base branch, else the owner's <c>.github</c> repository, else the server's default file, else the built-in defaults.</summary>
public sealed record ResolvedPolicy(PolicyDocument? Policy, string Source, string? Sha256, string? Error);

public sealed class PolicyResolver(IOptions<PolicyOptions> options, PolicyCache cache)
{
    public const string PolicyPath = ".github/ai-compliance.yml";

    private readonly Lazy<(string? Text, string Source)> _serverDefault = new(() => ReadServerDefault(options.Value));

    /// <remarks>Every call reads the files from GitHub (conditional requests: a 304 while a file is unchanged), except where
    /// <see cref="PolicyCache"/> remembers that there is none: a push that may add it (<see cref="ObservePush"/>), or
    /// <see cref="PolicyCache.AbsenceLifetime"/>, makes it ask again.</remarks>
    public async Task<ResolvedPolicy> ResolveAsync(IGitHubInstallationClient client, string owner, string repo, string baseRef, CancellationToken cancellationToken)
    {
        var installation = client.InstallationId;
        var file = await cache.BranchFileAsync(installation, owner, repo, baseRef,
            () => client.GetFileAsync(owner, repo, PolicyPath, baseRef, cancellationToken));
        var source = $"{owner}/{repo}:{PolicyPath}@{baseRef}";
        if (file is null)
        {
            file = await cache.OwnerFileAsync(installation, owner, () => client.GetFileAsync(owner, ".github", PolicyPath, null, cancellationToken));
            source = $"{owner}/.github:{PolicyPath}";
        }
        if (file is not null)
            return Parse(file.Text, source);

        var (text, defaultSource) = _serverDefault.Value;
        return text is null
            ? new ResolvedPolicy(PolicyDocument.Default, defaultSource, null, null)
            : Parse(text, defaultSource);
    }

    /// <summary>A push delivery: a policy file it may have added is looked for again at its next use.</summary>
    public void ObservePush(long installationId, Bot.GitHub.Webhooks.Payloads.PushEvent push) => cache.Observe(installationId, push);

    private static ResolvedPolicy Parse(string text, string source)
    {
        var sha = Sha256Text.Of(text);
        try
        {
            return new ResolvedPolicy(PolicyLoader.Load(text), source, sha, null);
        }
        catch (PolicyException e)
        {
            return new ResolvedPolicy(null, source, sha, $"{source}: {e.Message}");
        }
    }

    private static (string? Text, string Source) ReadServerDefault(PolicyOptions options) =>
        string.IsNullOrWhiteSpace(options.DefaultPolicyPath)
            ? (null, "built-in default policy")
            : (File.ReadAllText(options.DefaultPolicyPath), $"server default {options.DefaultPolicyPath}");
}
