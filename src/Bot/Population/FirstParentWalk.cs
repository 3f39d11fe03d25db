using Bot.GitHub.Rest;
using Bot.Serve.Evaluation;

namespace Bot.Population;

/// <summary>Steps from a commit to its first parent, and on. The parents come from GitHub's history listing below the
/// starting commit, read a page (100 commits) at a time as the walk needs them, instead of one call per commit; git log
/// lists a commit before its parents, so the first-parent line is in the pages in order.</summary>
internal sealed class FirstParentWalk(IGitHubInstallationClient client, PullRequestKey key, HistoryCommit start, CancellationToken cancellationToken)
    : IAsyncDisposable
{
    private readonly Dictionary<string, HistoryCommit> _read = new(StringComparer.Ordinal);
    private IAsyncEnumerator<HistoryCommit>? _history;
    private bool _exhausted;

    /// <summary>The first parent of <paramref name="commit"/>, which must have one.</summary>
    public async Task<HistoryCommit> ParentAsync(HistoryCommit commit)
    {
        var parent = commit.Parents[0];
        if (_read.TryGetValue(parent, out var known))
            return known;
        _history ??= client.ListHistoryAsync(key.Owner, key.Repo, start.Parents[0], cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (!_exhausted)
        {
            if (!await _history.MoveNextAsync())
            {
                _exhausted = true;
                break;
            }
            _read[_history.Current.Sha] = _history.Current;
            if (_history.Current.Sha == parent)
                return _history.Current;
        }
        // Not below the start (the listing ended early): ask for the commit itself.
        return await client.GetCommitAsync(key.Owner, key.Repo, parent, cancellationToken);
    }

    public ValueTask DisposeAsync() => _history?.DisposeAsync() ?? ValueTask.CompletedTask;
}
