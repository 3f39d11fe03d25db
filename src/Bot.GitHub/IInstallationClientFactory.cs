using Bot.GitHub.Rest;

namespace Bot.GitHub;

/// <summary>The App's installations and a REST client acting as each: what the worker's handlers, the evaluator, the
/// change recorder and the sweeps need of GitHub. <see cref="GitHubApp"/> is the real one; tests hand out an in-memory
/// fake so that host behaviour is tested without HTTP.</summary>
public interface IInstallationClientFactory
{
    /// <summary>A client acting as <paramref name="installationId"/> (its token is fetched and cached on first use).</summary>
    IGitHubInstallationClient ForInstallation(long installationId);

    /// <summary>Every installation of this App: the roots of the periodic sweeps.</summary>
    Task<IReadOnlyList<long>> ListInstallationIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>The installation was deleted or suspended: its cached token must not be used again.</summary>
    void ForgetInstallation(long installationId);
}
