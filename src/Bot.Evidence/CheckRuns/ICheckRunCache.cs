namespace Bot.Evidence.CheckRuns;

/// <summary>The check run last posted per (repository, head SHA): a cache of GitHub's state, not evidence.</summary>
public interface ICheckRunCache
{
    Task<CheckRunEntry?> GetAsync(string repository, string headSha, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the check run kept for (repository, head SHA).</summary>
    Task SaveAsync(CheckRunEntry entry, CancellationToken cancellationToken = default);
}
