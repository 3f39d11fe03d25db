using Bot.GitHub.Rest;
using Bot.Serve.Evaluation;

namespace Bot.Population;

/// <summary>Steps from a commit to its first parent, and on. The commits come from GitHub's history listing from the
/// starting commit down, read a page (100 commits) at a time as the walk needs them, instead of one call per commit; git
/// log lists a commit before its parents, so the start and its first-parent line are in the pages in order (the start
/// first: one call reads it and its first 99 ancestors).</summary>
internal sealed class FirstParentWalk(IGitHubInstallationClient client, PullRequestKey key, string start, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private readonly Dictionary<string, HistoryCommit> _read = new(StringComparer.Ordinal);
    private IAsyncEnumerator<HistoryCommit>? _history;
    private bool _exhausted;

    /// <summary>The starting commit, with its parents.</summary>
    public Task<HistoryCommit> StartAsync() => FindAsync(start);

    /// <summary>The first parent of <paramref name="commit"/>, which must have one.</summary>
    public Task<HistoryCommit> ParentAsync(HistoryCommit commit) => FindAsync(commit.Parents[0]);

    private async Task<HistoryCommit> FindAsync(string sha)
    {
        if (_read.TryGetValue(sha, out var known))
            return known;
        _history ??= client.ListHistoryAsync(key.Owner, key.Repo, start, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (!_exhausted)
        {
            if (!await _history.MoveNextAsync())
            {
                _exhausted = true;
                break;
            }
            _read[_history.Current.Sha] = _history.Current;
            if (_history.Current.Sha == sha)
                return _history.Current;
        }
        // Not below the start (the listing ended early): ask for the commit itself.
        return await client.GetCommitAsync(key.Owner, key.Repo, sha, cancellationToken);
    }

    public ValueTask DisposeAsync() => _history?.DisposeAsync() ?? ValueTask.CompletedTask;
}
