using System.Security.Cryptography;
using System.Text;
using Bot.Core.Policy;
using Bot.GitHub.Rest;
using Microsoft.Extensions.Options;

namespace Bot.Serve.Evaluation;

/// <summary>The policy in force for a pull request and where it came from (policy.md §1): the repository's file on the
/// base branch, else the owner's <c>.github</c> repository, else the server's default file, else the built-in defaults.</summary>
public sealed record ResolvedPolicy(PolicyDocument? Policy, string Source, string? Sha256, string? Error);

public sealed class PolicyResolver(IOptions<PolicyOptions> options, TimeProvider clock)
{
    public const string PolicyPath = ".github/ai-compliance.yml";

    /// <summary>How long "this owner has no .github policy" is believed: every pull request of the owner would otherwise
    /// spend a call on the same 404. Short, so that a newly added owner policy applies within a minute.</summary>
    public static readonly TimeSpan OwnerAbsenceLifetime = TimeSpan.FromSeconds(30);

    private readonly Lazy<(string? Text, string Source)> _serverDefault = new(() => ReadServerDefault(options.Value));
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _ownersWithoutPolicy = new(StringComparer.OrdinalIgnoreCase);

    public async Task<ResolvedPolicy> ResolveAsync(IGitHubInstallationClient client, string owner, string repo, string baseRef, CancellationToken cancellationToken)
    {
        var file = await client.GetFileAsync(owner, repo, PolicyPath, baseRef, cancellationToken);
        var source = $"{owner}/{repo}:{PolicyPath}@{baseRef}";
        if (file is null && !(_ownersWithoutPolicy.TryGetValue(owner, out var until) && until > clock.GetUtcNow()))
        {
            file = await client.GetFileAsync(owner, ".github", PolicyPath, null, cancellationToken);
            source = $"{owner}/.github:{PolicyPath}";
            if (file is null) _ownersWithoutPolicy[owner] = clock.GetUtcNow() + OwnerAbsenceLifetime;
            else _ownersWithoutPolicy.TryRemove(owner, out _);
        }
        if (file is not null)
            return Parse(file.Text, source);

        var (text, defaultSource) = _serverDefault.Value;
        return text is null
            ? new ResolvedPolicy(PolicyDocument.Default, defaultSource, null, null)
            : Parse(text, defaultSource);
    }

    private static ResolvedPolicy Parse(string text, string source)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
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
